"""One function per thing a person or a schedule does: one transaction holding the domain
change, its audit rows and the notices it causes. The CLI, the web application and the flows
call these; they only parse input and present results."""
