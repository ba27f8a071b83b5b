"""Where a stored object lives, in both stores: objects/ab/cd/<sha256>, by its content's hash.
Anything else beside it (the uploads being received under tmp/, a stray key) is not an object:
a backup leaves it out and a restore never puts it back."""

import re

PREFIX = "objects/"
_OBJECT = re.compile(r"objects/([0-9a-f]{2})/([0-9a-f]{2})/(\1\2[0-9a-f]{60})")


def object_key(sha256: str) -> str:
    return f"{PREFIX}{sha256[:2]}/{sha256[2:4]}/{sha256}"


def stored_object(name: str) -> str | None:
    """The SHA-256 an object's name (a relative path with '/', or a bucket key) stands for, or
    None when the name is not one of the store's objects."""
    found = _OBJECT.fullmatch(name)
    return found.group(3) if found else None
