"""The words of a dossier's document files (issue 25): where a file stands after the officer's
check, and what a consistency check of the store can find.

A module of the one vocabulary: `states.vocabulary` re-exports these codes and merges their
labels into its table; import them from there.
"""

from enum import StrEnum

LABELS: dict[type[StrEnum], dict[str, str]] = {}


class FileStatus(StrEnum):
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


LABELS[FileStatus] = {
    FileStatus.SUBMITTED: "chờ kiểm tra",
    FileStatus.ACCEPTED: "đã chấp nhận",
    FileStatus.REJECTED: "bị từ chối",
}


class DocumentStatus(StrEnum):
    """One document of the checklist, from its files (or a paper dossier's tick)."""

    MISSING = "missing"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    TICKED = "ticked"


LABELS[DocumentStatus] = {
    DocumentStatus.MISSING: "chưa nộp",
    DocumentStatus.SUBMITTED: "chờ kiểm tra",
    DocumentStatus.ACCEPTED: "đã chấp nhận",
    DocumentStatus.REJECTED: "bị từ chối, chờ bản mới",
    DocumentStatus.TICKED: "đã nhận (đánh dấu tay)",
}


class StoreProblem(StrEnum):
    MISSING_OBJECT = "missing_object"
    HASH_MISMATCH = "hash_mismatch"
    ORPHAN_OBJECT = "orphan_object"


LABELS[StoreProblem] = {
    StoreProblem.MISSING_OBJECT: "mất tệp trong kho lưu trữ",
    StoreProblem.HASH_MISMATCH: "nội dung tệp không khớp mã SHA-256 đã ghi",
    StoreProblem.ORPHAN_OBJECT: "tệp trong kho không thuộc hồ sơ nào",
}
