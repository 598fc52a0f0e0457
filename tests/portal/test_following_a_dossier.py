"""The applicant follows a dossier: list, timeline, supplement (clock resumes), result, rating, withdrawal."""

from django.core.files.base import ContentFile
from django.urls import reverse

from motcua.dossiers.models import Dossier, DossierFile
from motcua.portal.models import Rating

from .helpers import submit
from .world import PDF, act, fake, finish_and_return, pdf


def _received_with_supplement_request(client, world) -> Dossier:
    dossier = submit(client, world)
    dossier = act(dossier, "receive", world.desk)
    return act(
        dossier,
        "request_supplement",
        world.officer,
        reason="Giấy chứng sinh bị mờ",
        missing=["Giấy chứng sinh"],
    )


def test_my_dossiers_lists_status_in_plain_words_and_what_to_do(citizen_client, world):
    dossier = _received_with_supplement_request(citizen_client, world)
    page = citizen_client.get(reverse("portal:my_dossiers")).content.decode()
    assert dossier.code in page
    assert "Cần bổ sung giấy tờ" in page
    assert "Tải lên giấy tờ bổ sung" in page
    assert "Hẹn trả" in page


def test_answering_a_supplement_request_resumes_processing(citizen_client, world):
    dossier = _received_with_supplement_request(citizen_client, world)
    page = citizen_client.get(reverse("portal:dossier", args=[dossier.code])).content.decode()
    assert "Giấy chứng sinh bị mờ" in page
    response = citizen_client.post(
        reverse("portal:supplement", args=[dossier.code]),
        {"version": dossier.version, "component_2": [pdf("giay-chung-sinh-ro.pdf")]},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == "received"  # back where it was when the request was made
    assert dossier.pauses.get().ended_at is not None
    assert DossierFile.objects.filter(component__dossier=dossier, component__position=2).count() == 2
    assert dossier.events.last().action == "supplement"


def test_a_bad_supplement_file_sends_nothing(citizen_client, world):
    dossier = _received_with_supplement_request(citizen_client, world)
    response = citizen_client.post(
        reverse("portal:supplement", args=[dossier.code]),
        {"version": dossier.version, "component_2": [fake()]},
    )
    assert response.status_code == 422
    assert "không phải PDF, JPEG hoặc PNG" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == "supplement_requested"


def test_result_download_and_one_rating(citizen_client, world):
    dossier = submit(citizen_client, world)
    dossier = act(dossier, "receive", world.desk)
    dossier = finish_and_return(world, dossier, ContentFile(PDF, name="giay-khai-sinh.pdf"))
    page = citizen_client.get(reverse("portal:dossier", args=[dossier.code])).content.decode()
    assert "Đã trả kết quả" in page and "Tải kết quả điện tử" in page
    result = dossier.results.get()
    response = citizen_client.get(reverse("portal:result_file", args=[dossier.code, result.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    url = reverse("portal:rate", args=[dossier.code])
    assert citizen_client.post(url, {"score": "5", "comment": "Nhanh, gọn"}).status_code == 302
    assert Rating.objects.get(dossier=dossier).score == 5
    again = citizen_client.post(url, {"score": "1"})
    assert again.status_code == 422 and "đã được đánh giá" in again.content.decode()
    assert Rating.objects.get().score == 5


def test_rating_only_after_return_and_only_1_to_5(citizen_client, world):
    dossier = submit(citizen_client, world)
    url = reverse("portal:rate", args=[dossier.code])
    assert citizen_client.post(url, {"score": "5"}).status_code == 422
    assert not Rating.objects.exists()


def test_withdrawal_needs_a_reason(citizen_client, world):
    dossier = submit(citizen_client, world)
    url = reverse("portal:withdraw", args=[dossier.code])
    assert citizen_client.post(url, {"version": dossier.version, "reason": ""}).status_code == 422
    assert (
        citizen_client.post(url, {"version": dossier.version, "reason": "Nộp nhầm thủ tục"}).status_code
        == 302
    )
    dossier.refresh_from_db()
    assert dossier.state == "withdrawn" and dossier.end_reason == "Nộp nhầm thủ tục"


def test_a_stale_form_is_a_clear_conflict_not_an_error(citizen_client, world):
    dossier = submit(citizen_client, world)
    stale = dossier.version
    act(dossier, "receive", world.desk)
    response = citizen_client.post(
        reverse("portal:withdraw", args=[dossier.code]), {"version": stale, "reason": "Nộp nhầm thủ tục"}
    )
    assert response.status_code == 422 and "tải lại" in response.content.decode()


def test_files_are_served_to_the_owner_and_authorised_staff_only(client, citizen_client, world):
    from tests.factories.organizations import ApplicantFactory, StaffRoleFactory, UserFactory

    dossier = submit(citizen_client, world)
    stored = DossierFile.objects.filter(component__dossier=dossier).first()
    url = reverse("portal:dossier_file", args=[dossier.code, stored.pk])
    assert citizen_client.get(url).status_code == 200
    client.force_login(world.desk)
    assert client.get(url).status_code == 200
    stranger = UserFactory()
    ApplicantFactory(user=stranger)
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(StaffRoleFactory().user)  # staff of an unrelated agency
    assert client.get(url).status_code == 404
    assert client.get(reverse("portal:dossier", args=[dossier.code])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
