"""Files on S3-compatible storage (core/s3.py) against a real SeaweedFS S3 server on loopback: an online
submission's uploads land in the bucket (nothing on disk), the owner and authorised staff download the
exact bytes and nobody else does, the housekeeping sweep deletes only the orphans and only after the grace
period, and readiness checks the bucket."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from motcua.core import clock
from motcua.dossiers.models import DossierFile
from tests.s3server import BUCKET

from .helpers import submit
from .world import PDF


def keys(server, prefix: str) -> list[str]:
    """The storage names (without the test's prefix) of the objects in the bucket."""
    listing = server.client().list_objects_v2(Bucket=BUCKET, Prefix=f"{prefix}/")
    return sorted(item["Key"].removeprefix(f"{prefix}/") for item in listing.get("Contents", []))


def test_uploads_go_to_the_bucket_and_only_the_right_people_download_them(
    s3_storage, client, citizen_client, world, media_root
):
    from tests.factories.organizations import ApplicantFactory, StaffRoleFactory, UserFactory

    server, prefix = s3_storage
    dossier = submit(citizen_client, world)
    stored = list(DossierFile.objects.filter(component__dossier=dossier).order_by("pk"))
    assert len(stored) == 3
    in_bucket = keys(server, prefix)
    assert all(f.file.name in in_bucket for f in stored)
    assert all(f.file.name.startswith("dossiers/") for f in stored)
    assert not Path(media_root).exists() or not any(Path(media_root).rglob("*.pdf"))  # nothing on disk

    scan = stored[0]
    url = reverse("portal:dossier_file", args=[dossier.code, scan.pk])
    response = citizen_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert server.client().get_object(Bucket=BUCKET, Key=f"{prefix}/{scan.file.name}")["Body"].read() == PDF

    client.force_login(world.desk)
    assert client.get(url).status_code == 200
    stranger = UserFactory()
    ApplicantFactory(user=stranger)
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(StaffRoleFactory().user)  # staff of an unrelated agency
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    # The bucket itself is private: no anonymous read, no read with a wrong key.
    anonymous = server.client(access_key="someone", secret_key="guessing")
    try:
        anonymous.get_object(Bucket=BUCKET, Key=f"{prefix}/{scan.file.name}")
        raise AssertionError("a wrong key read the object")
    except anonymous.exceptions.ClientError as exc:
        assert exc.response["Error"]["Code"] in {
            "InvalidAccessKeyId",
            "AccessDenied",
            "SignatureDoesNotMatch",
        }


def housekeeping() -> str:
    out = StringIO()
    call_command("housekeeping", stdout=out)
    return out.getvalue()


def test_the_sweep_deletes_orphans_in_the_bucket_after_the_grace_period(s3_storage, citizen_client, world):
    server, prefix = s3_storage
    dossier = submit(citizen_client, world)
    kept = sorted(f.file.name for f in DossierFile.objects.filter(component__dossier=dossier))
    orphan = default_storage.save(f"dossiers/{dossier.code}_0123456789abcdef/mo-coi.pdf", ContentFile(PDF))
    assert orphan in keys(server, prefix)

    now = clock.now()
    clock.set_now(lambda: now + timedelta(hours=23))  # younger than the grace period (24 h): kept
    assert "0 tệp không thuộc hồ sơ nào" in housekeeping()
    assert orphan in keys(server, prefix)

    clock.set_now(lambda: now + timedelta(hours=25))
    report = housekeeping()
    assert "Đã xóa / deleted: 1 tệp không thuộc hồ sơ nào" in report and orphan in report
    left = keys(server, prefix)
    assert orphan not in left
    assert all(name in left for name in kept)  # the dossier's own files stay


def test_readiness_checks_the_bucket(s3_storage, client, settings, world):
    server, _ = s3_storage
    assert client.get("/readyz").json()["storage"] == "ok"
    settings.STORAGES = {**settings.STORAGES, "default": server.storage_entry(bucket="no-such-bucket-here")}
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.json()["storage"] == "ClientError"
