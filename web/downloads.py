"""Files handed to the browser: spreadsheets, the printed certificate, the open data."""

from typing import Protocol
from urllib.parse import quote

from starlette.responses import Response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class File(Protocol):
    """A file to hand over: a dashboard download, a spreadsheet attachment."""

    @property
    def filename(self) -> str: ...

    @property
    def content(self) -> bytes: ...


def _plain(character: str) -> bool:
    return character.isascii() and character.isprintable() and character not in '"\\'


def disposition(filename: str, kind: str = "attachment") -> str:
    """The Content-Disposition of `filename`; a name beyond ASCII (a certificate number typed in
    an imported list) goes as RFC 6266's filename*, with an ASCII stand-in for old clients."""
    if all(_plain(c) for c in filename):
        return f'{kind}; filename="{filename}"'
    # A quote or a backslash would end or escape the quoted name: those go as filename* too.
    plain = "".join(c if _plain(c) else "-" for c in filename)
    return f"{kind}; filename=\"{plain}\"; filename*=UTF-8''{quote(filename)}"


def download(file: File, media_type: str = XLSX) -> Response:
    return Response(file.content, media_type=media_type,
                    headers={"Content-Disposition": disposition(file.filename)})
