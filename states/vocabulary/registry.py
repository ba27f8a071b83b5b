"""Codes of the registry (issue 13): what an import brings in, what became of each row, the
audit event of an imported product, and a certificate's validity as the public reads it.

A module of the one vocabulary: `states.vocabulary` re-exports these codes and merges their
labels into its table; import them from there.
"""

from enum import StrEnum

LABELS: dict[type[StrEnum], dict[str, str]] = {}


class ImportKind(StrEnum):
    PRODUCTS = "products"
    USERS = "users"


class RowOutcome(StrEnum):
    NEW = "new"  # valid, and not in the database yet: written (unless --dry-run)
    EXISTING = "existing"  # already imported or entered: left as it is
    INVALID = "invalid"  # named in the report with its column and reason


class RegistryEvent(StrEnum):
    """The trigger of the one audit event an imported product's dossier starts with."""

    IMPORT = "import"


class Validity(StrEnum):
    """A certificate as the public look-up states it, on the day it is asked."""

    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"  # replaced by the certificate of a re-evaluation


LABELS[ImportKind] = {
    ImportKind.PRODUCTS: "sản phẩm OCOP đã công nhận",
    ImportKind.USERS: "người dùng",
}
LABELS[RowOutcome] = {
    RowOutcome.NEW: "mới",
    RowOutcome.EXISTING: "đã có",
    RowOutcome.INVALID: "lỗi",
}
LABELS[RegistryEvent] = {
    RegistryEvent.IMPORT: "nhập từ danh sách sản phẩm đã công nhận",
}
LABELS[Validity] = {
    Validity.VALID: "còn hiệu lực",
    Validity.EXPIRED: "hết hiệu lực",
    Validity.REVOKED: "đã thu hồi",
    Validity.SUPERSEDED: "đã được thay bằng giấy chứng nhận mới",
}
