"""The UTF-8 MIME message that the SMTP and file transports share."""

from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from notifiers.message import OutgoingMessage


def build_mime(message: OutgoingMessage, sender: str) -> EmailMessage:
    mime = EmailMessage()
    mime["From"] = sender
    mime["To"] = ", ".join(message.recipients)
    mime["Subject"] = message.subject
    mime["Date"] = formatdate(localtime=False)
    mime["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1] or "ocop.local")
    mime["X-OCOP-Key"] = message.key
    mime.set_content(message.text, charset="utf-8")
    mime.add_alternative(message.html, subtype="html", charset="utf-8")
    for attachment in message.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        mime.add_attachment(attachment.content, maintype=maintype, subtype=subtype,
                            filename=attachment.filename)
    return mime
