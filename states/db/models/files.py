"""A dossier's document files (issue 25): one row per file uploaded, never overwritten; the
object itself lives in the file store under its SHA-256."""

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from states.db.models.base import Base


class DocumentFile(Base):
    __tablename__ = "document_files"
    __table_args__ = (
        # Two uploads of the same document at the same moment take different versions, or one
        # of them fails on this constraint and writes nothing.
        UniqueConstraint("dossier_id", "cycle", "document_code", "version"),
        Index("ix_document_files_dossier_cycle", "dossier_id", "cycle"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    cycle: Mapped[int]
    document_code: Mapped[str] = mapped_column(String(64))
    # 1, 2, 3 … per document: a new version keeps the old ones.
    version: Mapped[int]
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(32))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16))
    uploaded_by: Mapped[str] = mapped_column(String(100))
    uploaded_at: Mapped[datetime]
    checked_by: Mapped[str | None] = mapped_column(String(100))
    checked_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(Text)
