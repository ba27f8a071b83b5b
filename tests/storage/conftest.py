"""Every storage test runs on both stores (the S3 one against moto's standalone server)."""

from tests.fakes.s3_server import s3_bucket, s3_server  # noqa: F401  (fixtures)
from tests.storage.stores import store  # noqa: F401  (fixture)
