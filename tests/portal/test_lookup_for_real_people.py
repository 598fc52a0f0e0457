"""The public lookup for real people: the code matches whatever its case, spacing and dashes; the ID
number goes by POST and never in a URL; one person's typos hold back only their own code from their
address (with a short back-off), so ten people behind one service centre's address are still served,
while walking through many codes from one address is still stopped."""

from datetime import timedelta

import pytest
from django.test import Client

from motcua.core import clock
from motcua.portal.models import LookupAttempt
from tests.dossiers.world import make_world, receive
from tests.factories.organizations import ApplicantFactory

pytestmark = pytest.mark.django_db
CENTRE = "203.0.113.50"  # the service centre's one public address


@pytest.fixture
def people():
    """Ten applicants, each with one received dossier at the same desk."""
    world = make_world()
    out = []
    for n in range(10):
        applicant = ApplicantFactory(full_name=f"Người nộp {n}", id_number=f"0311900005{n:02d}")
        out.append((receive(world, applicant=applicant).code, applicant.id_number))
    return out


def look(code, id_number, address=CENTRE):
    return Client(REMOTE_ADDR=address).post("/tra-cuu/", {"ma": code, "cccd": id_number})


def found(response, code) -> bool:
    return response.status_code == 200 and 'id="lookup-result"' in response.content.decode()


@pytest.mark.parametrize(
    "typed",
    [
        lambda c: c.lower(),
        lambda c: f"  {c}  ",
        lambda c: c.replace("-", " - "),
        lambda c: " ".join(c),  # spaces everywhere
        lambda c: c.replace("-", "–"),  # an en dash from a word processor
        lambda c: c.upper().translate(
            str.maketrans("0123456789.-H", "０１２３４５６７８９．－Ｈ")
        ),  # full width
    ],
)
def test_the_code_matches_whatever_case_and_spacing(people, typed):
    code, id_number = people[0]
    response = look(typed(code), f" {id_number[:6]} {id_number[6:]} ")
    assert found(response, code), response.content.decode()[:500]
    assert code in response.content.decode()


def test_the_id_number_goes_by_post_never_in_the_url(people):
    code, id_number = people[0]
    page = Client().get("/tra-cuu/", {"ma": code}).content.decode()
    assert 'method="post"' in page and 'name="cccd"' in page and "csrfmiddlewaretoken" in page
    # a browser must send its Origin with the form (no-referrer would make it "null", refused by CSRF)
    assert Client().get("/tra-cuu/")["Referrer-Policy"] == "same-origin"
    response = Client().get("/tra-cuu/", {"ma": code, "cccd": id_number})  # an old link or a typed URL
    assert response.status_code == 303
    assert id_number not in response["Location"] and code in response["Location"]
    assert not LookupAttempt.objects.exists()  # never searched
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/tra-cuu/", {"ma": code, "cccd": id_number}).status_code == 403  # a form, not a link


def test_ten_people_behind_one_address_one_of_them_mistyping(people, settings):
    settings.MOTCUA_LOOKUP_MAX_MISSES_PER_CODE = 5
    settings.MOTCUA_LOOKUP_MAX_MISSES_PER_IP = 30
    own_code, own_id = people[0]
    # the first person mistypes their ID number again and again, then their code too
    for n in range(8):
        look(own_code, f"03119000{n:04d}")
    for n in range(8):
        look(own_code[:-1] + str(n), own_id)
    assert look(own_code, own_id).status_code == 429  # their own code waits a little
    for code, id_number in people[1:]:  # the nine others at the same address are served
        assert found(look(code, id_number), code), code
    # and the one who mistyped is served after the short back-off
    clock.set_now(lambda: LookupAttempt.objects.latest("at").at + timedelta(minutes=16))
    try:
        assert found(look(own_code, own_id), own_code)
    finally:
        clock.set_now(None)


def test_the_back_off_is_short_and_grows(people, settings):
    settings.MOTCUA_LOOKUP_MAX_MISSES_PER_CODE = 3
    settings.MOTCUA_LOOKUP_BACKOFF_SECONDS = 60
    code, right = people[0]
    start = clock.now()
    at = {"now": start}
    clock.set_now(lambda: at["now"])
    try:
        for n in range(3):
            look(code, f"03119000{n:04d}")
        assert look(code, right).status_code == 429
        at["now"] = start + timedelta(seconds=61)  # a minute later: free again
        assert found(look(code, right), code)
        look(code, "031190009999")  # one more miss: now two minutes
        at["now"] = start + timedelta(seconds=61 + 90)
        assert look(code, right).status_code == 429
        at["now"] = start + timedelta(seconds=61 + 121)
        assert found(look(code, right), code)
    finally:
        clock.set_now(None)


def test_walking_through_codes_from_one_address_is_stopped(people, settings):
    settings.MOTCUA_LOOKUP_MAX_MISSES_PER_IP = 10
    code, id_number = people[0]
    prefix = code.rsplit("-", 1)[0]
    for n in range(100, 110):  # ten different guessed codes with one known ID number
        look(f"{prefix}-{n:04d}", id_number, address="198.51.100.9")
    blocked = look(code, id_number, address="198.51.100.9")
    assert blocked.status_code == 429  # even the right pair, while the address is blocked
    assert found(look(code, id_number, address=CENTRE), code)  # other addresses are not
