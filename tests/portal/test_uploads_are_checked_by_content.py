from pathlib import Path

from django.conf import settings
from django.urls import reverse

from motcua.dossiers import intake as uploads
from motcua.portal.models import DraftFile

from .helpers import start, step_url
from .world import BIRTH_FORM, fake, jpeg, pdf


def _typed_draft(client):
    draft = start(client)
    client.post(step_url(draft, "thong-tin"), {**BIRTH_FORM, "go": "save"})
    return draft


def test_a_file_that_only_pretends_to_be_a_pdf_is_rejected_and_nothing_else_is_lost(citizen_client, world):
    draft = _typed_draft(citizen_client)
    citizen_client.post(step_url(draft, "giay-to"), {"component_1": [pdf("to-khai.pdf")], "go": "stay"})
    response = citizen_client.post(
        step_url(draft, "giay-to"),
        {"component_2": [fake("giay-chung-sinh.pdf")], "component_3": [jpeg("cccd.jpg")], "go": "next"},
    )
    assert response.status_code == 422  # stays on the page, with the message
    page = response.content.decode()
    assert "không phải PDF, JPEG hoặc PNG" in page and "giay-chung-sinh.pdf" in page
    assert "vẫn được giữ nguyên" in page
    draft.refresh_from_db()
    assert draft.eform_data["ho_ten"] == "Trần Minh An"
    assert sorted(DraftFile.objects.filter(draft=draft).values_list("original_name", flat=True)) == [
        "cccd.jpg",
        "to-khai.pdf",
    ]


def test_type_comes_from_content_not_from_the_name(citizen_client, world):
    draft = start(citizen_client)
    png_named_pdf = pdf("anh.png")  # a PDF with a .png name is a PDF
    citizen_client.post(step_url(draft, "giay-to"), {"component_1": [png_named_pdf], "go": "stay"})
    stored = DraftFile.objects.get(draft=draft)
    assert stored.content_type == "application/pdf" and stored.original_name == "anh.pdf"


def test_file_names_are_sanitised(citizen_client, world):
    draft = start(citizen_client)
    citizen_client.post(
        step_url(draft, "giay-to"), {"component_1": [pdf("../../etc/Tờ khai <đẹp>.pdf")], "go": "stay"}
    )
    stored = DraftFile.objects.get(draft=draft)
    assert stored.original_name == "Tờ khai đẹp.pdf"
    name = Path(stored.file.name).name
    assert name.startswith("to-khai-dep") and name.endswith(".pdf")
    assert ".." not in stored.file.name and stored.file.name.startswith(f"portal-drafts/{draft.pk}_")
    assert stored.file.name.split("/")[2] == "1"  # portal-drafts/<draft>_<random>/<position>/<name>
    # outside the web root: under MEDIA_ROOT, never under STATIC_ROOT, and no /media/ URL route
    assert Path(stored.file.path).is_relative_to(Path(settings.MEDIA_ROOT))
    assert citizen_client.get("/media/" + stored.file.name).status_code == 404


def test_size_limit_per_file(citizen_client, world, settings):
    settings.MOTCUA_UPLOAD_MAX_FILE_MB = 1
    draft = start(citizen_client)
    response = citizen_client.post(
        step_url(draft, "giay-to"), {"component_1": [pdf("big.pdf", size=uploads.MB + 1)], "go": "stay"}
    )
    assert response.status_code == 422
    assert "vượt giới hạn 1 MB mỗi tệp" in response.content.decode()
    assert not DraftFile.objects.exists()


def test_size_limit_per_dossier(citizen_client, world, settings):
    settings.MOTCUA_UPLOAD_MAX_FILE_MB = 1
    settings.MOTCUA_UPLOAD_MAX_DOSSIER_MB = 1
    draft = start(citizen_client)
    half = uploads.MB // 2 + 10
    response = citizen_client.post(
        step_url(draft, "giay-to"),
        {"component_1": [pdf("a.pdf", size=half)], "component_2": [pdf("b.pdf", size=half)], "go": "stay"},
    )
    assert response.status_code == 422
    assert "Tổng dung lượng hồ sơ sẽ vượt giới hạn 1 MB" in response.content.decode()
    assert DraftFile.objects.count() == 1


def test_too_many_files_for_one_component(citizen_client, world, settings):
    settings.MOTCUA_UPLOAD_MAX_FILES_PER_COMPONENT = 2
    draft = start(citizen_client)
    response = citizen_client.post(
        step_url(draft, "giay-to"), {"component_1": [pdf("1.pdf"), pdf("2.pdf"), pdf("3.pdf")], "go": "stay"}
    )
    assert response.status_code == 422 and DraftFile.objects.count() == 2


def test_a_draft_file_is_served_to_its_author_only_and_can_be_removed(client, citizen_client, world):
    draft = start(citizen_client)
    citizen_client.post(step_url(draft, "giay-to"), {"component_1": [pdf("to-khai.pdf")], "go": "stay"})
    stored = DraftFile.objects.get()
    url = reverse("portal:draft_file", args=[draft.pk, stored.pk])
    response = citizen_client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Cache-Control"] == "private, no-store"
    client.logout()
    from tests.factories.organizations import UserFactory

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    citizen_client.force_login(world.citizen)
    citizen_client.post(reverse("portal:draft_file_remove", args=[draft.pk, stored.pk]))
    assert not DraftFile.objects.exists()


def test_sniffing():
    assert uploads.sniff(b"%PDF-1.7") == "pdf"
    assert uploads.sniff(b"\xff\xd8\xff\xdb") == "jpeg"
    assert uploads.sniff(b"\x89PNG\r\n\x1a\n") == "png"
    assert uploads.sniff(b"GIF89a") is None
    assert uploads.sniff(b"PK\x03\x04") is None  # office documents are not accepted
