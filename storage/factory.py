"""One factory for the file store, as for the mail transports: the settings say which, and a
missing setting is one sentence."""

from pathlib import Path

from states.documents.store import FileDesk, FileLimits, FileStore, Scanner
from states.errors import ConfigurationError
from storage.local import LocalStore
from storage.s3 import S3Store
from storage.s3_objects import BucketObjects
from storage.scanning import CommandScanner


def build_store(kind: str, files_dir: Path, *, s3_bucket: str | None = None,
                s3_endpoint: str | None = None, s3_region: str = "us-east-1") -> FileStore:
    if kind == "local":
        return LocalStore(files_dir)
    if kind == "s3":
        if not s3_bucket:
            raise ConfigurationError("OCOP_FILES_STORE=s3 cần OCOP_FILES_S3_BUCKET (tên bucket).")
        # Files are received on the local disk before they go to the bucket.
        return S3Store(s3_bucket, s3_endpoint, s3_region, files_dir / "tmp")
    raise ConfigurationError(f"OCOP_FILES_STORE '{kind}' không rõ: dùng local hoặc s3.")


def bucket_of(store: FileStore) -> BucketObjects | None:
    """The bucket that `ocop backup` archives and `ocop restore` fills, when the files are in
    one; None for the local directory (archived and restored as a folder)."""
    return BucketObjects(store) if isinstance(store, S3Store) else None


def build_desk(store: FileStore, limits: FileLimits, scan_command: str | None) -> FileDesk:
    scanner: Scanner | None = CommandScanner(scan_command) if scan_command else None
    return FileDesk(store, limits, scanner)
