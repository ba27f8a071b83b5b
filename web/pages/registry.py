"""The public look-up (no login): search, each certificate's page (where the printed QR code
leads), and the whole registry as open data. Every route is limited per client address."""

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from states.registry.register_search import CERTIFICATE_PATH
from use_cases.registry import open_data, public_certificate, search_registry
from web.auth import rt_of, system_of
from web.downloads import disposition
from web.rate_limit import public_limit
from web.rendering import page

router = APIRouter(dependencies=[Depends(public_limit)])
PAGE_SIZE = 20
STARS = (3, 4, 5)
# Stable addresses of the open data (the file name a browser saves carries the day).
OPEN_DATA = {"csv": "/tra-cuu/so-dang-ky-ocop.csv", "json": "/tra-cuu/so-dang-ky-ocop.json"}


def stars_filter(stars: str) -> int | None:
    """The stars a person chose, or none (an empty or unknown choice searches every rating)."""
    return int(stars) if stars.strip() in {str(s) for s in STARS} else None


def offset_of(offset: str) -> int:
    return int(offset) if offset.isdigit() else 0


@router.get("/tra-cuu")
def lookup_page(request: Request, q: str = "", unit: str = "", stars: str = "",
                offset: str = "") -> Response:
    start = offset_of(offset)
    found = search_registry(rt_of(request), q, unit=unit.strip() or None,
                            stars=stars_filter(stars), offset=start, limit=PAGE_SIZE)
    return page(request, "lookup.html", {
        "found": found, "filters": {"q": q, "unit": unit, "stars": stars},
        "searched": bool(q.strip() or unit.strip() or stars.strip()), "stars_choices": STARS,
        "previous": max(0, start - PAGE_SIZE) if start else None,
        "next": start + PAGE_SIZE if found.has_more else None, "open_data": OPEN_DATA})


@router.get(CERTIFICATE_PATH)
def certificate_page(request: Request, token: str) -> Response:
    entry = public_certificate(rt_of(request), token)
    return page(request, "certificate.html", {"e": entry})


def _open_data(request: Request, fmt: str) -> Response:
    data = open_data(rt_of(request), fmt, system_of(request).settings.public_url)
    return Response(data.content, media_type=data.media_type, headers={
        "Content-Disposition": disposition(data.filename, "attachment" if fmt == "csv" else "inline")})


@router.get(OPEN_DATA["csv"])
def open_data_csv(request: Request) -> Response:
    return _open_data(request, "csv")


@router.get(OPEN_DATA["json"])
def open_data_json(request: Request) -> Response:
    return _open_data(request, "json")
