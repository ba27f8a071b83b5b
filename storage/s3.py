"""Any S3-compatible object store (for several servers): objects under objects/ab/cd/<sha256>.
A file is received on the local disk first (hashed, checked), then sent to the bucket only if
no object of that hash is there: an object is never overwritten. boto3 reads the credentials
from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or its own configuration."""

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from states.documents.store import Received
from states.errors import ConfigurationError, NotFound
from storage.layout import PREFIX, object_key
from storage.staging import CHUNK_BYTES, stage


class S3Store:
    def __init__(self, bucket: str, endpoint: str | None, region: str, staging: Path) -> None:
        self.bucket = bucket
        self.endpoint = endpoint
        self.region = region
        self.staging = staging
        self._client: Any = None

    def describe(self) -> str:
        return f"bucket S3 '{self.bucket}'" + (f" tại {self.endpoint}" if self.endpoint else "")

    @property
    def client(self) -> Any:
        if self._client is None:
            import boto3  # ~0.3 s: only when a file is really stored or read

            self._client = boto3.client("s3", endpoint_url=self.endpoint, region_name=self.region)
        return self._client

    def unreachable(self, error: Exception) -> ConfigurationError:
        return ConfigurationError(f"Không truy cập được kho tệp ({self.describe()}): {error}. "
                                  "Hãy kiểm tra OCOP_FILES_S3_* và khoá truy cập AWS_*.")

    def call(self, method: str, **kwargs: Any) -> Any:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return getattr(self.client, method)(Bucket=self.bucket, **kwargs)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey"):
                raise NotFound(f"Tệp {kwargs.get('Key', '')} không còn trong kho "
                               f"({self.describe()}): hãy chạy 'ocop files check'.") from None
            raise self.unreachable(error) from None
        except BotoCoreError as error:
            raise self.unreachable(error) from None

    def receive(self, chunks: Iterable[bytes], limit: int) -> Received:
        return stage(chunks, limit, self.staging)

    def keep(self, received: Received) -> bool:
        if self.exists(received.sha256):
            return False
        from boto3.s3.transfer import TransferConfig
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            # Multipart in 8 MB parts from the staged file: memory stays flat.
            self.client.upload_file(str(received.staged), self.bucket, object_key(received.sha256),
                                    ExtraArgs={"ContentType": received.content_type},
                                    Config=TransferConfig(use_threads=False))
        except (BotoCoreError, ClientError) as error:
            raise self.unreachable(error) from None
        return True

    def discard(self, received: Received) -> None:
        received.staged.unlink(missing_ok=True)

    def remove(self, sha256: str) -> None:
        self.call("delete_object", Key=object_key(sha256))

    def exists(self, sha256: str) -> bool:
        try:
            self.call("head_object", Key=object_key(sha256))
        except NotFound:
            return False
        return True

    def read(self, sha256: str) -> Iterator[bytes]:
        body = self.call("get_object", Key=object_key(sha256))["Body"]
        try:
            yield from body.iter_chunks(CHUNK_BYTES)
        finally:
            body.close()

    def names(self) -> Iterator[str]:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=PREFIX)
            for page in pages:
                for item in page.get("Contents", []):
                    yield item["Key"].rsplit("/", 1)[-1]
        except (BotoCoreError, ClientError) as error:
            raise self.unreachable(error) from None
