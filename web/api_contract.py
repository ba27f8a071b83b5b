"""The pieces every /api/v1 operation shares, so that its OpenAPI entry tells the truth: the
error body, the statuses an operation can answer (`errors(...)`), the bearer token, and the
check that a body is JSON.

An operation lists exactly what it can answer: `responses=errors(401, 404, 422)`, adding
`BODY` (400 not JSON, 415 wrong content type) when it takes a body; `dependencies=[JSON_BODY]`
makes the server say so (`FILE_BODY` and `FILE_REQUEST` for a body that is a file). A write on
a versioned record takes `if_match: IfMatch` and runs through `if_matched` (412)."""

import re
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Header, Path, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field, JsonValue, StringConstraints

from states.errors import Conflict

# An error's code, by status: what a client may branch on (the sentence is for people).
CODES: dict[int, tuple[str, ...]] = {
    400: ("invalid_json",),
    401: ("unauthorized",),
    403: ("forbidden",),
    404: ("not_found",),
    409: ("rule_refused", "stale_version", "conflicting_input"),
    405: ("method_not_allowed",),
    412: ("precondition_failed",),
    413: ("too_large",),
    415: ("unsupported_media_type",),
    422: ("invalid_input",),
    429: ("rate_limited",),
}
DESCRIPTIONS = {
    400: "Nội dung không phải JSON (UTF-8)",
    401: "Thiếu hoặc sai mã truy cập",
    403: "Không có quyền",
    404: "Không có (hoặc thuộc đơn vị khác)",
    409: "Quy định từ chối, phiên bản cũ, hoặc giá trị đúng dạng nhưng trái với dữ liệu",
    405: "Đường dẫn này không nhận phương thức đó (xem Allow)",
    412: "If-Match không khớp ETag hiện tại, hoặc khác version gửi trong nội dung",
    413: "Tệp vượt giới hạn một tệp hoặc dung lượng còn lại của hồ sơ",
    415: "Content-Type không nhận: application/json (tệp: loại trong requestBody)",
    422: "Yêu cầu không đúng lược đồ",
    429: "Quá nhiều yêu cầu từ một địa chỉ: thử lại sau Retry-After giây",
}
ERROR_CODES: list[JsonValue] = [*sorted({code for codes in CODES.values() for code in codes})]
HEADERS: dict[int, dict[str, Any]] = {
    401: {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "Bearer"}},
    429: {"Retry-After": {"schema": {"type": "integer", "minimum": 1},
                          "description": "Số giây cần chờ"}},
}
# No NUL character in any text: PostgreSQL cannot hold or even compare one.
NO_NUL = r"^[^\x00]*$"
# Ids are positive and fit the databases' integer columns.
ID_LIMIT = 2**31 - 1
DossierId = Annotated[int, Path(ge=1, le=ID_LIMIT, description="Mã hồ sơ")]
CouncilId = Annotated[int, Path(ge=1, le=ID_LIMIT, description="Mã hội đồng")]
FileId = Annotated[int, Path(ge=1, le=ID_LIMIT, description="Mã tệp")]
# The statuses of a malformed body: every operation that takes one lists them.
BODY = (400, 415)


class ErrorBody(BaseModel):
    """Every error of the API: a code to branch on, one Vietnamese sentence to show, and, when
    the error is about some of the request's inputs, their names (a client marks its fields)."""

    code: str = Field(json_schema_extra={"enum": list(ERROR_CODES)})
    message: str = Field(min_length=1)
    # Left out, never empty, when the error names no input (a missing token, a rule's refusal).
    fields: list[Annotated[str, Field(min_length=1)]] = Field(
        default=[], description="Các trường gây lỗi, theo tên trong yêu cầu (vd. reason)")


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of an operation answering these error statuses, with ErrorBody."""
    return {status: {"model": ErrorBody, "description": DESCRIPTIONS[status],
                     **({"headers": HEADERS[status]} if status in HEADERS else {})}
            for status in sorted(statuses)}


class UnsupportedMediaType(Exception):
    def __init__(self, message: str = "Nội dung yêu cầu phải là JSON (Content-Type: "
                                      "application/json).") -> None:
        super().__init__(message)
        self.message = message


def _kind_of(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _json_body(request: Request) -> None:
    """A body sent as anything but JSON is refused before it is read as JSON."""
    kind = _kind_of(request)
    sent = request.headers.get("content-length", "0") != "0" or "transfer-encoding" in request.headers
    if (kind or sent) and kind != "application/json" and not kind.endswith("+json"):
        raise UnsupportedMediaType()


JSON_BODY = Depends(_json_body)
# A file sent as the body itself: what it is, the server tells by its bytes (PDF, JPEG, PNG);
# the Content-Type, when sent, must be one of these (none: application/octet-stream, RFC 9110).
FILE_TYPES = ("application/pdf", "image/jpeg", "image/png", "application/octet-stream")
FILE_REQUEST = {"requestBody": {"required": True, "content": {
    kind: {"schema": {"type": "string", "format": "binary"}} for kind in FILE_TYPES}}}


def _file_body(request: Request) -> None:
    kind = _kind_of(request)
    if kind and kind not in FILE_TYPES:
        raise UnsupportedMediaType(f"Nội dung yêu cầu là chính tệp: Content-Type phải là một "
                                   f"trong {', '.join(FILE_TYPES)}.")


FILE_BODY = Depends(_file_body)
_bearer = HTTPBearer(auto_error=False, scheme_name="bearer",
                     description="Mã truy cập cá nhân ('ocop token create')")
# Declares the bearer token in the schema; web.auth.api_user checks it.
Bearer = Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)]


# ETag and If-Match (RFC 9110 §8.8.3, §13.1.1): a versioned record's ETag is its version in
# quotes; If-Match is "*" or a list of entity tags, compared strongly (W/"…" never matches).
ENTITY_TAG = r'(W/)?"[\x21\x23-\x7e]*"'
IF_MATCH = rf"^(\*|{ENTITY_TAG}([ \t]*,[ \t]*{ENTITY_TAG})*)$"


def _if_match(if_match: Annotated[str, StringConstraints(strip_whitespace=True), Header(  # noqa: RUF013 (a string in the schema, never null)
        alias="If-Match", max_length=1000,
        description='ETag đã đọc (vd. "3"): 412 nếu bản ghi đã đổi hoặc khác version trong nội '
                    'dung; "*": bản ghi nào cũng được (version trong nội dung, nếu có, quyết định)'
        )] = None) -> str | None:  # type: ignore[assignment]
    """Left out, not null: the schema's If-Match is a string (a client never sends "null").
    The whitespace around a field's value is not part of it (RFC 9110 §5.5): stripped first.
    No pattern in the schema: a value that is no list of entity tags (IF_MATCH) names no ETag,
    so it is 412 as a wrong tag is, never 422."""
    return if_match


IfMatch = Annotated[str | None, Depends(_if_match)]
CHANGED = ("Bản ghi đã thay đổi từ lúc bạn đọc (ETag hiện tại {now}, If-Match {sent}): không có "
           "gì được ghi; hãy đọc lại rồi thử lại.")
DISAGREE = ("If-Match ({sent}) và version trong nội dung ({body}) khác nhau: không có gì được "
            "ghi; hãy gửi một phiên bản thôi.")
Written = TypeVar("Written")


class PreconditionFailed(Conflict):
    """412 precondition_failed (web/errors.py): If-Match named no current ETag."""


def etag(version: int) -> str:
    return f'"{version}"'


def etag_headers(description: str) -> dict[str, Any]:
    """The `headers` of a 2xx answer that carries a versioned record's ETag."""
    return {"ETag": {"schema": {"type": "string", "pattern": r'^"[0-9]+"$'},
                     "description": description}}


def _checked(if_match: str, body_version: int | None, now: int) -> int:
    listed = re.fullmatch(IF_MATCH, if_match.strip()) is not None
    tags = {tag for weak, tag in re.findall(r'(W/)?"([^"]*)"', if_match) if not weak} if listed else set()
    if str(now) not in tags:
        raise PreconditionFailed(CHANGED.format(now=etag(now), sent=if_match.strip()))
    if body_version is not None and body_version != now:
        raise PreconditionFailed(DISAGREE.format(sent=if_match.strip(), body=body_version))
    return now


def if_matched(if_match: str | None, body_version: int | None, current: Callable[[], int],
               write: Callable[[int | None], Written]) -> Written:
    """`write(version)`, checked against the version it names. Without If-Match (or with "*"),
    the body's `version` is that version (409 stale_version when the record moved on). With
    If-Match, one of its strong tags must be the current ETag and the body's version, if sent,
    must agree with it, else 412; a write that loses the race after this check is 412 too."""
    if if_match is None or if_match.strip() == "*":
        return write(body_version)
    version = _checked(if_match, body_version, current())
    try:
        return write(version)
    except PreconditionFailed:
        raise
    except Conflict as stale:
        raise PreconditionFailed(stale.message) from stale
