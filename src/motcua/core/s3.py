"""Files on S3-compatible storage (docs/operations.md, "Files on S3-compatible storage"): the options of
django-storages' `S3Storage` from the `MOTCUA_S3_*` settings. Every file goes through the storage API
(save, open, delete, listdir, get_modified_time), so uploads, downloads (through the views that check
access, never a public URL) and the housekeeping sweep work the same on disk and on S3."""

from __future__ import annotations

BACKEND = "storages.backends.s3.S3Storage"


def storage_options(
    *,
    bucket: str,
    endpoint_url: str = "",
    access_key: str = "",
    secret_key: str = "",
    region: str = "",
    prefix: str = "",
    verify: bool = True,
) -> dict:
    """The `STORAGES["default"]` entry for `bucket` at `endpoint_url` (empty: AWS itself). Objects are
    private (no ACL, so the bucket's policy applies, which must deny public reads); names never overwrite
    (a taken name gets a suffix, as on disk); path-style addressing (`endpoint/bucket/key`), which every
    S3-compatible server (SeaweedFS, MinIO, Ceph RGW) accepts; signature v4."""
    options = {
        "bucket_name": bucket,
        "location": prefix.strip("/"),
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": True,
        "addressing_style": "path",
        "signature_version": "s3v4",
        "region_name": region or "us-east-1",
        "verify": verify,
    }
    if endpoint_url:
        options["endpoint_url"] = endpoint_url
    if access_key:
        options["access_key"] = access_key
        options["secret_key"] = secret_key
    return {"BACKEND": BACKEND, "OPTIONS": options}
