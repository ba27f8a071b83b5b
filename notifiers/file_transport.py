"""The embedded default: each message becomes an .eml file a new user can open."""

import itertools
import os
import re
from pathlib import Path

from notifiers.message import Delivery, OutgoingMessage, TransientDeliveryError
from notifiers.mime import build_mime

UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SERIAL = itertools.count()


class FileTransport:
    name = "file"

    def __init__(self, folder: Path, sender: str) -> None:
        self.folder = folder
        self.sender = sender

    def send(self, message: OutgoingMessage) -> Delivery:
        target = self.folder / (UNSAFE.sub("_", message.key) + ".eml")
        data = build_mime(message, self.sender).as_bytes()
        try:
            if not self.folder.is_dir():
                self.folder.mkdir(parents=True, exist_ok=True)
            # Write then rename: a reader never sees half a message.
            temporary = self.folder / f".{os.getpid()}-{next(_SERIAL)}.part"
            with open(temporary, "xb") as out:
                out.write(data)
            os.replace(temporary, target)
        except OSError as error:
            raise TransientDeliveryError(f"không ghi được tệp {target}: {error}") from None
        return Delivery(provider_message_id=str(target))
