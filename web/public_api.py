"""/api/v1/public: the public look-up as JSON, without a token (limited per client address)."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import Field

from states.jsonable import jsonable
from states.registry.register_search import MAX_PAGE, RegistryEntry, certificate_url
from use_cases.registry import search_registry
from web.api_answers import answer, listed
from web.api_contract import NO_NUL, errors
from web.auth import rt_of, system_of
from web.rate_limit import public_limit

router = APIRouter(prefix="/api/v1/public", tags=["Tra cứu công khai"],
                   dependencies=[Depends(public_limit)])
PRODUCTS = listed(answer(RegistryEntry, name="PublicProduct",
                         url=(str, Field(description="Trang giấy chứng nhận"))),
                  "PublicProducts", offset=(int, ...),
                  next_offset=(int | None, Field(description="offset của trang sau; null: hết")))


@router.get("/products", response_model=None, operation_id="public_products",
            responses={200: {"model": PRODUCTS}, **errors(422, 429)},
            summary="Sản phẩm OCOP đã công nhận (không cần mã truy cập; không dấu cũng tìm được)")
def public_products(request: Request, q: Annotated[str, Query(max_length=200, pattern=NO_NUL)] = "",
                    unit: Annotated[str, Query(max_length=200, pattern=NO_NUL)] = "",
                    stars: Annotated[int | None, Query(ge=1, le=5)] = None,
                    offset: Annotated[int, Query(ge=0)] = 0,
                    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20) -> dict[str, Any]:
    found = search_registry(rt_of(request), q, unit=unit.strip() or None, stars=stars,
                            offset=offset, limit=limit)
    base = system_of(request).settings.public_url
    return {"items": [{**jsonable(e), "url": certificate_url(base, e.token)} for e in found.items],
            "offset": found.offset, "next_offset": offset + limit if found.has_more else None}
