from django.urls import reverse

from .helpers import start, step_url, submit


def test_submission_and_follow_pages_are_vietnamese_first_and_english_on_request(citizen_client, world):
    draft = start(citizen_client)
    html = citizen_client.get(step_url(draft, "giay-to")).content.decode()
    assert "Giấy tờ kèm theo" in html and "Tải lên và tiếp tục" in html
    citizen_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = citizen_client.get(step_url(draft, "giay-to")).content.decode()
    assert "Supporting documents" in html and "Upload and continue" in html
    html = citizen_client.get(step_url(draft, "nhan-ket-qua")).content.decode()
    assert "Electronic result (download on this portal)" in html
    dossier = submit(citizen_client, world)
    html = citizen_client.get(reverse("portal:my_dossiers")).content.decode()
    assert "My dossiers" in html and "Submitted, waiting to be received" in html
    html = citizen_client.get(reverse("portal:lookup"), {"ma": dossier.code}).content.decode()
    assert "Applicant&#x27;s ID number or tax code" in html or "Applicant's ID number or tax code" in html
