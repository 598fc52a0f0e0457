"""The API's anonymous lookup takes the ID number in a POST body, like the portal's /tra-cuu/ (issue 16
part 3), so it never lands in URLs and server logs; `?id_number=` in the URL is refused with a
bilingual 400 that says where the lookup went, and looks nothing up."""

from django.test import Client

from motcua.portal.models import LookupAttempt
from tests.dossiers.world import receive

LOOKUP = "/api/v1/dossiers/{}/lookup"


def test_lookup_by_post_answers_the_public_view(world, fixed_clock):
    dossier = receive(world)
    response = Client().post(
        LOOKUP.format(dossier.code), {"id_number": world.applicant.id_number}, "application/json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["code"] == dossier.code and "timeline" in body
    assert world.applicant.id_number not in response.content.decode()


def test_id_number_in_the_url_is_refused_and_not_looked_up(world, fixed_clock):
    dossier = receive(world)
    response = Client().get(f"/api/v1/dossiers/{dossier.code}", {"id_number": world.applicant.id_number})
    assert response.status_code == 400 and response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == "lookup_by_post"
    assert "POST" in body["detail"] and "POST" in body["detail_en"]
    assert dossier.code not in response.content.decode().replace("{code}", "")
    wrong = Client().get(f"/api/v1/dossiers/{dossier.code}", {"id_number": "000000000009"})
    assert wrong.status_code == 400 and not LookupAttempt.objects.exists()


def test_lookup_by_get_is_not_an_operation(world, fixed_clock):
    dossier = receive(world)
    assert Client().get(LOOKUP.format(dossier.code)).status_code == 405
