from django.urls import reverse

from motcua.portal.models import LookupAttempt

from .helpers import submit
from .world import act


def test_lookup_by_code_and_id_number_shows_status_and_public_timeline_only(client, citizen_client, world):
    dossier = submit(citizen_client, world)
    act(dossier, "receive", world.desk)
    client.logout()
    response = client.post(reverse("portal:lookup"), {"ma": dossier.code, "cccd": "031190000123"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đã được tiếp nhận" in page and "Ngày hẹn trả" in page
    assert "Hồ sơ đã được nộp, chờ tiếp nhận." in page  # a public event
    assert world.applicant.full_name not in page and "Trần Minh An" not in page
    assert world.desk.username not in page
    assert response["Cache-Control"] == "no-store"


def test_the_qr_link_opens_the_form_with_the_code_filled_in(client, world):
    response = client.get("/tra-cuu/?ma=000.00.90.H99-260302-0001")
    assert response.status_code == 200
    assert 'value="000.00.90.H99-260302-0001"' in response.content.decode()


def test_a_wrong_id_number_is_the_same_answer_as_an_unknown_code(client, citizen_client, world):
    dossier = submit(citizen_client, world)
    wrong = client.post(reverse("portal:lookup"), {"ma": dossier.code, "cccd": "031190000999"})
    unknown = client.post(reverse("portal:lookup"), {"ma": "nope", "cccd": "031190000123"})
    assert wrong.status_code == unknown.status_code == 404
    assert "Không tìm thấy hồ sơ" in wrong.content.decode()


def test_too_many_misses_on_one_code_are_refused_with_a_clear_message(
    client, citizen_client, world, settings
):
    settings.MOTCUA_LOOKUP_MAX_MISSES_PER_CODE = 3
    dossier = submit(citizen_client, world)
    for n in range(3):
        client.post(reverse("portal:lookup"), {"ma": dossier.code, "cccd": f"03119000000{n}"})
    # even the right pair is refused while the code is held back from this address
    blocked = client.post(reverse("portal:lookup"), {"ma": dossier.code, "cccd": "031190000123"})
    assert blocked.status_code == 429
    page = blocked.content.decode()
    assert "quá nhiều lần" in page and "phút" in page
    assert "Đã nộp" not in page
    # another IP is not affected
    other = client.post(
        reverse("portal:lookup"), {"ma": dossier.code, "cccd": "031190000123"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 200
    assert LookupAttempt.objects.filter(found=False).count() == 3
