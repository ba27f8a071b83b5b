"""The S3 store's bucket as `ocop backup` reads it and `ocop restore` fills it: every stored
object of the bucket (objects/ab/cd/<sha256>; any other key is not the store's), listed page by
page, each streamed (never held whole in memory); restored only into
an empty bucket, and taken out again when the restore cannot finish."""

from collections.abc import Iterable, Iterator
from typing import IO, Any

from states.documents.kinds import HEAD_BYTES, MAGIC
from states.errors import ConfigurationError
from storage.layout import PREFIX, stored_object
from storage.s3 import S3Store

# Objects put back in multipart parts of this size, one part in memory at a time.
PART_BYTES = 8 * 1024 * 1024


class _Body:
    """An object's streamed body: an interrupted read is one sentence, not a traceback."""

    def __init__(self, body: Any, fail: Any) -> None:
        self.body, self.fail = body, fail

    def read(self, size: int = -1) -> bytes:
        from botocore.exceptions import BotoCoreError
        from urllib3.exceptions import HTTPError

        try:
            data: bytes = self.body.read(size if size >= 0 else None)
        except (BotoCoreError, HTTPError, OSError) as error:
            raise self.fail(error) from None
        return data

    def __enter__(self) -> "_Body":
        return self

    def __exit__(self, *_: object) -> None:
        self.body.close()


class BucketObjects:
    """Every stored object of the store's bucket, by key (objects/ab/cd/<sha256>, the local
    store's layout too, so an archive restores into either)."""

    def __init__(self, store: S3Store) -> None:
        self.store = store
        # The sizes of the last listed page only: memory stays flat whatever the bucket holds.
        self._page: dict[str, int] = {}
        # The content type of the object last opened, from its own answer (no extra request).
        self._opened: tuple[str, str | None] = ("", None)

    def describe(self) -> str:
        return self.store.describe()

    def _failed(self, error: Exception) -> ConfigurationError:
        return self.store.unreachable(error)

    def names(self) -> Iterator[str]:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            for page in self.store.client.get_paginator("list_objects_v2").paginate(
                    Bucket=self.store.bucket, Prefix=PREFIX):
                self._page = {item["Key"]: int(item["Size"]) for item in page.get("Contents", [])
                              if stored_object(item["Key"])}
                yield from sorted(self._page)
        except (BotoCoreError, ClientError) as error:
            raise self._failed(error) from None

    def size(self, name: str) -> int:
        if name in self._page:
            return self._page[name]
        return int(self.store.call("head_object", Key=name)["ContentLength"])

    def open(self, name: str) -> _Body:
        """The object's body (NotFound when it went since it was listed)."""
        answer = self.store.call("get_object", Key=name)
        self._opened = (name, answer.get("ContentType"))
        return _Body(answer["Body"], self._failed)

    def content_type(self, name: str) -> str | None:
        opened, kind = self._opened
        return kind if opened == name else None

    def first(self) -> str | None:
        """Any object of the bucket, or None when it is empty."""
        listed = self.store.call("list_objects_v2", MaxKeys=1)
        return next((str(item["Key"]) for item in listed.get("Contents", [])), None)

    def put(self, name: str, stream: IO[bytes], content_type: str | None) -> None:
        """One object from a seekable stream, with the content type the backup recorded; an
        archive that recorded none (the local store's, or an earlier version's) has it read
        from the object's first bytes, as an upload has."""
        from boto3.s3.transfer import TransferConfig
        from botocore.exceptions import BotoCoreError, ClientError

        kind = content_type
        if kind is None:
            head = stream.read(HEAD_BYTES)
            stream.seek(0)
            kind = next((k for magic, k, _ in MAGIC if head.startswith(magic)),
                        "application/octet-stream")
        try:
            self.store.client.upload_fileobj(
                stream, self.store.bucket, name, ExtraArgs={"ContentType": kind},
                Config=TransferConfig(use_threads=False, multipart_threshold=PART_BYTES,
                                      multipart_chunksize=PART_BYTES))
        except (BotoCoreError, ClientError) as error:
            raise self._failed(error) from None

    def delete(self, names: Iterable[str]) -> None:
        """Take out the objects a restore put, a thousand keys per request."""
        batch: list[str] = []
        for name in names:
            batch.append(name)
            if len(batch) == 1000:
                self._delete(batch)
                batch = []
        if batch:
            self._delete(batch)

    def _delete(self, batch: list[str]) -> None:
        self.store.call("delete_objects", Delete={"Objects": [{"Key": k} for k in batch],
                                                   "Quiet": True})
