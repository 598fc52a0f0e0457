"""Bad input is a 4xx everywhere, never a 500: NUL and other control characters in the path, the query,
a form or a JSON body, oversize bodies, over-deep JSON, malformed multipart, too many files and numbers
beyond 64 bits, on pages (a bilingual HTML page) and on the API (problem+json, vi + en).

On PostgreSQL a NUL that reaches a query is a driver error (text cannot hold NUL), so every case here
was a 500 there before `core.bad_input.BadInputMiddleware`; the suite runs on both databases."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.dossiers.models import Dossier
from tests.dossiers.world import PASSWORD, make_world, online_body
from tests.portal.helpers import start, step_url
from tests.portal.world import BIRTH_FORM, make_portal_world

pytestmark = pytest.mark.django_db

NUL = "\x00"
BIG = str(2**70)


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.fixture
def bearer(world):
    """The desk officer's token: a desk registration (`submission`) is a JSON body the domain accepts
    without files (an applicant's online submission needs its files, so it is multipart)."""
    response = Client().post(
        "/api/v1/auth/token",
        {"username": world.desk.username, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return {"Authorization": f"Bearer {response.json()['token']}"}


def assert_problem(response, status=400, code=None):
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["detail"] and body["detail_en"]
    if code:
        assert body["code"] == code
    return body


def assert_page(response, status=400):
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    vi = "Dữ liệu gửi lên quá lớn" if status == 413 else "Yêu cầu không hợp lệ"
    en = "Request too large" if status == 413 else "Bad request"
    assert vi in page and en in page and page.index(vi) < page.index(en)  # Vietnamese first
    assert "Traceback" not in page
    return page


def submission(world, **eform):
    """A complete registration of a postal dossier by the desk (the domain accepts it as JSON, no
    files: the paper components declared received) with `eform` merged into its e-form."""
    body = online_body(world, channel="post", applicant_id=world.applicant.pk)
    body["eform_data"] = {"ho_ten": "Trần Thị Bình", **eform}
    return body


# ----- control characters ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, params",
    [
        ("/tra-cuu/", {"ma": f"000.00.90.H99-260302-0001{NUL}", "cccd": "031190000123"}),
        ("/tra-cuu/", {"ma": "000.00.90.H99-260302-0001", "cccd": f"03119{NUL}0000123"}),
        ("/thu-tuc/", {"q": f"khai{NUL}sinh"}),
        ("/thu-tuc/", {f"q{NUL}": "khai sinh"}),
        ("/thu-tuc/", {"q": "khai\x1bsinh"}),  # ESC: every C0 control, not only NUL
        ("/lich-lam-viec/", {"year": "2026", "duration": f"3d{NUL}"}),
    ],
)
def test_a_control_character_in_a_page_query_is_a_bilingual_400(client, world, path, params):
    page = assert_page(client.get(path, params))
    assert "ký tự điều khiển" in page and "control character" in page


@pytest.mark.parametrize("path", ["/thu-tuc/1.001193%00/", "/tra-cuu/%00", "/ho-so/000.00.90%00/"])
def test_a_control_character_in_a_page_path_is_a_bilingual_400(client, world, path):
    assert_page(client.get(path))


@pytest.mark.parametrize(
    "path, params",
    [
        ("/api/v1/procedures", {"q": f"khai{NUL}sinh"}),
        ("/api/v1/dossiers/000.00.90.H99-260302-0001", {"id_number": f"0311{NUL}"}),
        ("/api/v1/calendar/due-date", {"start": f"2026-03-02T09:00{NUL}", "duration": "3d"}),
    ],
)
def test_a_control_character_in_an_api_query_is_a_problem(client, world, path, params):
    assert_problem(client.get(path, params), code="control_character")


@pytest.mark.parametrize("path", ["/api/v1/procedures/1.0%0011", "/api/v1/dossiers/%00/events"])
def test_a_control_character_in_an_api_path_is_a_problem(client, world, path, bearer):
    assert_problem(client.get(path, headers=bearer), code="control_character")


def test_nul_in_the_login_form_is_a_400_and_tab_cr_lf_in_text_pass(client, world):
    assert_page(client.post("/tai-khoan/dang-nhap/", {"username": f"congdan{NUL}", "password": "x"}))
    # tab, CR and LF are text: the middleware lets them through, the form answers (wrong login: 200)
    answer = client.post("/tai-khoan/dang-nhap/", {"username": "cong\tdan\r\n", "password": "x"})
    assert answer.status_code == 200
    assert "ký tự điều khiển" not in answer.content.decode()


def test_nul_in_a_portal_e_form_field_is_a_400_and_nothing_is_saved(client, db):
    world = make_portal_world()
    client.force_login(world.citizen)
    draft = start(client)
    response = client.post(
        step_url(draft, "thong-tin"), {**BIRTH_FORM, "ho_ten": f"Trần{NUL}Minh An", "go": "next"}
    )
    assert_page(response)
    draft.refresh_from_db()
    assert "Trần" not in json.dumps(draft.eform_data, ensure_ascii=False)


@pytest.mark.parametrize(
    "body",
    [
        {"username": f"congdan{NUL}", "password": PASSWORD},
        {"username": "congdan", "password": f"{NUL}"},
        {f"username{NUL}": "congdan", "password": PASSWORD},
        {"username": "cong\udc00dan", "password": PASSWORD},  # a lone surrogate cannot be stored either
    ],
)
def test_control_characters_in_the_token_login_json_are_a_problem(client, world, body):
    response = client.post("/api/v1/auth/token", json.dumps(body), content_type="application/json")
    assert_problem(response, code="control_character")


@pytest.mark.parametrize(
    "eform", [{"ho_ten": f"Trần{NUL}Bình"}, {f"ho{NUL}ten": "Trần Thị Bình"}, {"ds": [[{"x": NUL}]]}]
)
def test_control_characters_in_submitted_e_form_data_are_a_problem_and_nothing_is_created(
    client, world, bearer, eform
):
    body = submission(world, **eform)
    response = client.post(
        "/api/v1/dossiers", json.dumps(body), content_type="application/json", headers=bearer
    )
    assert_problem(response, code="control_character")
    assert not Dossier.objects.exists()


def test_nul_in_the_multipart_payload_field_is_a_problem(client, world, bearer):
    payload = json.dumps(submission(world, ho_ten=f"Trần{NUL}"))
    upload = SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4 to khai", content_type="application/pdf")
    response = client.post("/api/v1/dossiers", {"payload": payload, "component_1": upload}, headers=bearer)
    assert_problem(response, code="control_character")
    assert not Dossier.objects.exists()


def test_a_control_character_in_a_header_is_a_problem(client, world, bearer):
    response = client.post(
        "/api/v1/dossiers",
        json.dumps(submission(world)),
        content_type="application/json",
        headers={**bearer, "Idempotency-Key": f"lan{NUL}1"},
    )
    assert_problem(response, code="control_character")
    assert not Dossier.objects.exists()


def test_text_with_tab_and_newlines_in_json_passes_the_middleware(client, world, bearer):
    body = {**submission(world), "summary": "dòng 1\r\ndòng 2\tcột"}
    response = client.post(
        "/api/v1/dossiers", json.dumps(body), content_type="application/json", headers=bearer
    )
    assert response.status_code == 201, response.content
    assert Dossier.objects.get().summary == "dòng 1\r\ndòng 2\tcột"


# ----- sizes, nesting, multipart -----------------------------------------------------------------


def test_a_3_mb_json_body_is_413_on_the_api(client, world, bearer):
    body = submission(world, ghi_chu="x" * (3 * 1024 * 1024))
    response = client.post(
        "/api/v1/dossiers", json.dumps(body), content_type="application/json", headers=bearer
    )
    assert_problem(response, status=413, code="body_too_large")
    assert not Dossier.objects.exists()


def test_a_3_mb_form_is_413_on_a_page(client, world):
    response = client.post("/tai-khoan/dang-nhap/", {"username": "x" * (3 * 1024 * 1024), "password": "x"})
    assert_page(response, status=413)


def test_a_3_mb_text_field_in_multipart_is_413(client, world, bearer):
    response = client.post("/api/v1/dossiers", {"payload": "x" * (3 * 1024 * 1024)}, headers=bearer)
    assert_problem(response, status=413, code="body_too_large")


@pytest.mark.parametrize("path", ["/api/v1/dossiers", "/api/v1/auth/token"])
def test_50000_deep_json_is_a_400(client, world, bearer, path):
    deep = '{"a":' * 50_000 + "1" + "}" * 50_000
    response = client.post(path, deep, content_type="application/json", headers=bearer)
    assert_problem(response, code="json_too_deep")


def test_json_deeper_than_the_limit_is_refused_and_within_it_is_not(client, world, bearer, settings):
    settings.MOTCUA_JSON_MAX_DEPTH = 2
    too_deep = submission(world)  # the body, its components list, each component: 3 levels
    assert isinstance(too_deep["components"][0], dict)
    response = client.post(
        "/api/v1/dossiers", json.dumps(too_deep), content_type="application/json", headers=bearer
    )
    assert_problem(response, code="json_too_deep")
    settings.MOTCUA_JSON_MAX_DEPTH = 3
    response = client.post(
        "/api/v1/dossiers", json.dumps(too_deep), content_type="application/json", headers=bearer
    )
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("path", ["/api/v1/dossiers", "/tai-khoan/dang-nhap/"])
def test_multipart_without_a_boundary_is_a_400(client, world, bearer, path):
    response = client.post(
        path,
        b"--x\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--x--\r\n",
        content_type="multipart/form-data",
        headers=bearer,
    )
    if path.startswith("/api/"):
        assert_problem(response, code="malformed_multipart")
    else:
        assert_page(response)


def test_10000_file_parts_on_the_api_are_a_400(client, world, bearer):
    boundary = "lim"
    part = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="component_1"; filename="a.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n"
    )
    body = (part * 10_000 + f"--{boundary}--\r\n").encode()
    response = client.post(
        "/api/v1/dossiers", body, content_type=f"multipart/form-data; boundary={boundary}", headers=bearer
    )
    assert_problem(response, code="too_many_files")
    assert not Dossier.objects.exists()


def test_a_content_length_that_is_not_a_number_is_a_400(client, world):
    response = client.post("/api/v1/auth/token", b"{}", content_type="application/json", CONTENT_LENGTH="abc")
    assert_problem(response, code="bad_content_length")


# ----- numbers beyond 64 bits --------------------------------------------------------------------


@pytest.mark.parametrize(
    "params", [{"offset": BIG}, {"limit": BIG}, {"offset": "-1"}, {"limit": "0"}, {"offset": "1000001"}]
)
def test_pagination_beyond_its_bounds_is_a_422(client, world, params):
    assert_problem(client.get("/api/v1/procedures", params), status=422)


def test_a_worklist_limit_beyond_64_bits_is_a_422(client, world, bearer):
    assert_problem(client.get("/api/v1/dossiers", {"limit": BIG}, headers=bearer), status=422)


def test_a_json_integer_beyond_64_bits_is_a_problem(client, world, bearer):
    code = client.post(
        "/api/v1/dossiers", json.dumps(submission(world)), content_type="application/json", headers=bearer
    ).json()["code"]
    response = client.post(
        f"/api/v1/dossiers/{code}/actions/withdraw",
        f'{{"expected_version": {BIG}, "reason": "x"}}',
        content_type="application/json",
        headers=bearer,
    )
    assert_problem(response, code="number_out_of_range")
    assert Dossier.objects.get(code=code).version == 1


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "1e999"])
def test_json_numbers_that_are_not_finite_are_a_problem(client, world, literal):
    body = f'{{"username": "congdan", "password": "x", "name": {literal}}}'
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert response["Content-Type"] == "application/problem+json"


def test_a_path_id_beyond_64_bits_is_a_4xx(client, world):
    client.force_login(world.citizen)
    response = client.get(f"/nop-ho-so/{BIG}/giay-to/")
    assert 400 <= response.status_code < 500, response.content[:300]


def test_a_worklist_cursor_beyond_64_bits_is_a_4xx(client, world):
    client.force_login(world.desk)
    response = client.get("/can-bo/", {"sau": BIG})
    # PostgreSQL compares the bigint column with a numeric (empty page); SQLite's driver overflows (400)
    assert response.status_code in (200, 400), response.content[:300]


def test_the_refusal_page_keeps_the_readers_language_for_the_layout(client, world, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = assert_page(client.get("/thu-tuc/", {"q": NUL}))
    assert '<html lang="en">' in page and "Administrative procedures" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    page = assert_page(client.get("/thu-tuc/", {"q": NUL}))
    assert '<html lang="vi">' in page and "Thủ tục hành chính" in page
