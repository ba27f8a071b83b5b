"""Where the dossiers' files live: adapters of the storage port (states/documents/store.py),
a local directory or an S3-compatible bucket, chosen by one factory."""
