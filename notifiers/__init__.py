"""How a message leaves: SendGrid, SMTP or a file outbox, fed by the outbox table."""
