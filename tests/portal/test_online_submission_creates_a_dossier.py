from django.urls import reverse

from motcua.dossiers.models import Dossier, DossierFile
from motcua.portal.models import Draft, DraftFile

from .helpers import fill_all, start, step_url, submit


def test_wizard_submits_through_the_lifecycle_with_eform_files_and_choices(citizen_client, world):
    dossier = submit(citizen_client, world)
    assert dossier.state == "submitted" and dossier.channel == "online"
    assert dossier.applicant == world.applicant
    assert dossier.receiving_agency == world.centre
    assert dossier.competent_agency == world.committee  # the centre's own commune
    assert dossier.eform_data["ho_ten"] == "Trần Minh An"
    assert dossier.eform_data["ngay_sinh"] == "2026-02-20"
    assert dossier.eform_data["so_ban_sao"] == 1
    assert dossier.requested_return_channel == "electronic" and dossier.return_address == ""
    assert not any(key.startswith("_") for key in dossier.eform_data)  # the choice is not form data
    files = DossierFile.objects.filter(component__dossier=dossier).order_by("component__position")
    assert [(f.component.position, f.original_name, f.content_type) for f in files] == [
        (1, "to-khai.pdf", "application/pdf"),
        (2, "giay-chung-sinh.pdf", "application/pdf"),
        (3, "cccd.jpg", "image/jpeg"),
    ]
    assert dossier.events.get().action == "submit"
    # the draft is closed and its temporary files are gone from storage
    assert not Draft.objects.filter(submitted_at__isnull=True).exists()


def test_receipt_shows_code_estimated_due_date_and_a_qr_to_the_lookup(citizen_client, world, settings):
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.example.vn"
    dossier = submit(citizen_client, world)
    page = citizen_client.get(reverse("portal:receipt", args=[dossier.code])).content.decode()
    assert dossier.code in page
    assert "Ngày hẹn trả dự kiến" in page
    assert 'src="data:image/svg+xml' in page
    assert f"https://dichvucong.example.vn/tra-cuu/?ma={dossier.code}" in page


def test_the_draft_is_resumable_and_a_second_send_returns_the_same_dossier(citizen_client, world):
    draft = fill_all(citizen_client, world)
    assert start(citizen_client).pk == draft.pk  # resuming, not a new draft
    page = citizen_client.get(step_url(draft, "thong-tin")).content.decode()
    assert 'value="Trần Minh An"' in page
    first = citizen_client.post(step_url(draft, "xac-nhan"), {"declare": "1"})
    again = citizen_client.post(step_url(draft, "xac-nhan"), {"declare": "1"})
    assert first.status_code == again.status_code == 302
    assert Dossier.objects.count() == 1


def test_declaration_is_required(citizen_client, world):
    draft = fill_all(citizen_client, world)
    response = citizen_client.post(step_url(draft, "xac-nhan"), {})
    assert response.status_code == 422
    assert "cam đoan" in response.content.decode()
    assert not Dossier.objects.exists()


def test_completeness_precheck_lists_what_is_missing(citizen_client, world):
    draft = start(citizen_client)
    page = citizen_client.get(step_url(draft, "xac-nhan")).content.decode()
    assert "Hồ sơ chưa đầy đủ" in page
    assert "Chưa tải lên giấy tờ bắt buộc: Giấy chứng sinh" in page
    assert "Họ, chữ đệm, tên của trẻ" in page
    response = citizen_client.post(step_url(draft, "xac-nhan"), {"declare": "1"})
    assert response.status_code == 422 and not Dossier.objects.exists()


def test_profile_prefills_the_applicant_fields(citizen_client, world):
    draft = start(citizen_client)
    assert draft.eform_data["nguoi_yeu_cau"] == "Nguyễn Thị Hoa"
    assert draft.eform_data["cccd_nguoi_yeu_cau"] == "031190000123"
    assert draft.eform_data["quoc_tich"] == "Việt Nam"  # the field's default


def test_someone_elses_draft_is_not_found(client, citizen_client, world):
    draft = start(citizen_client)
    DraftFile.objects.all().delete()
    from tests.factories.organizations import ApplicantFactory, UserFactory

    other = UserFactory()
    ApplicantFactory(user=other)
    client.force_login(other)
    assert client.get(step_url(draft, "thong-tin")).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, world):
    response = client.post(reverse("portal:submit_start", args=["1.001193"]))
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]
