"""Single sign-on against a fake OpenID Connect provider served over real HTTP on loopback."""

import urllib.error
import urllib.parse
import urllib.request

import pytest

from motcua.accounts.models import SsoIdentity
from motcua.accounts.sso import oidc
from motcua.organizations.models import Applicant
from tests.factories.organizations import ApplicantFactory

from .fake_oidc import FakeOidc

pytestmark = pytest.mark.django_db
LOGIN = "/tai-khoan/dang-nhap/"
PERSON = {
    "sub": "vneid-8f3a",
    "id_number": "031095007777",
    "name": "Phạm Thu Trang",
    "birthdate": "1995-07-20",
    "email": "trang@example.vn",
    "email_verified": True,
    "phone_number": "+84901234567",
    "address": {"formatted": "3 Cầu Đất, Hải Phòng"},
}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def browser_hop(url: str) -> str:
    """What the person's browser does at the provider: GET /authorize, read the redirect back."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(url, timeout=5)
    except urllib.error.HTTPError as exc:
        assert exc.code == 302
        return exc.headers["Location"]
    raise AssertionError("the provider did not redirect")


@pytest.fixture
def provider(settings, request):
    algorithm = getattr(request, "param", "RS256")
    with FakeOidc(person=dict(PERSON), algorithm=algorithm) as fake:
        settings.MOTCUA_OIDC_ISSUER = fake.issuer
        settings.MOTCUA_OIDC_CLIENT_ID = fake.client_id
        settings.MOTCUA_OIDC_CLIENT_SECRET = fake.client_secret
        oidc._discovery_cache.clear()
        oidc._jwks_clients.clear()
        yield fake


def sign_in(client):
    response = client.post("/tai-khoan/sso/oidc/bat-dau/")
    assert response.status_code == 302
    back = browser_hop(response["Location"])
    assert back.startswith("http://testserver/tai-khoan/sso/oidc/ve/?")
    return client.get(back.removeprefix("http://testserver"))


def test_no_sso_button_when_not_configured(client, settings):
    settings.MOTCUA_OIDC_ISSUER = ""
    assert "Đăng nhập bằng" not in client.get(LOGIN).content.decode()
    assert client.post("/tai-khoan/sso/oidc/bat-dau/").status_code == 404


def test_sso_button_shown_when_configured(client, provider):
    html = client.get(LOGIN).content.decode()
    assert "Đăng nhập bằng VNeID / Cổng Dịch vụ công quốc gia" in html
    assert 'action="/tai-khoan/sso/oidc/bat-dau/"' in html


@pytest.mark.parametrize("provider", ["RS256", "HS256"], indirect=True)
def test_first_sso_login_creates_the_applicant(client, provider):
    response = sign_in(client)
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/thong-tin/"
    applicant = Applicant.objects.get(id_number="031095007777")
    assert applicant.full_name == "Phạm Thu Trang"
    assert str(applicant.date_of_birth) == "1995-07-20"
    assert applicant.phone == "0901234567" and applicant.address == "3 Cầu Đất, Hải Phòng"
    assert int(client.session["_auth_user_id"]) == applicant.user.pk
    assert not applicant.user.has_usable_password()
    assert SsoIdentity.objects.get(provider="oidc", subject="vneid-8f3a").user == applicant.user
    # the flow carried state, nonce and PKCE
    sent = provider.authorize_requests[0]
    assert sent["code_challenge_method"] == "S256" and sent["state"] and sent["nonce"]
    assert "openid" in sent["scope"].split()
    assert provider.token_requests[0]["code_verifier"]
    assert "Phạm Thu Trang" in client.get("/tai-khoan/thong-tin/").content.decode()


def test_existing_applicant_is_linked_by_id_number(client, provider, citizen):
    provider.person["id_number"] = citizen.id_number
    sign_in(client)
    assert int(client.session["_auth_user_id"]) == citizen.user.pk
    assert Applicant.objects.count() == 1
    # second time: found by subject
    client.logout()
    sign_in(client)
    assert int(client.session["_auth_user_id"]) == citizen.user.pk
    assert SsoIdentity.objects.count() == 1


def test_applicant_known_at_the_desk_gets_an_account(client, provider):
    desk = ApplicantFactory(id_number="031095007777", user=None, phone="0901234567")
    sign_in(client)
    desk.refresh_from_db()
    assert desk.user is not None and int(client.session["_auth_user_id"]) == desk.user.pk


def _refused(client, response):
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session
    return client.get(LOGIN).content.decode()


def test_wrong_nonce_is_refused(client, provider):
    provider.tamper_nonce = True
    html = _refused(client, sign_in(client))
    assert "Không đăng nhập được qua" in html
    assert not Applicant.objects.exists()


def test_wrong_audience_is_refused(client, provider):
    provider.tamper_audience = True
    _refused(client, sign_in(client))


def test_forged_state_is_refused(client, provider):
    response = client.post("/tai-khoan/sso/oidc/bat-dau/")
    back = browser_hop(response["Location"])
    forged = back.replace("state=", "state=x")
    html = _refused(client, client.get(forged.removeprefix("http://testserver")))
    assert "Phiên đăng nhập đã hết hạn" in html


def test_callback_without_a_started_flow_is_refused(client, provider):
    _refused(client, client.get("/tai-khoan/sso/oidc/ve/?code=abc&state=def"))


def test_provider_error_is_shown(client, provider):
    client.post("/tai-khoan/sso/oidc/bat-dau/")
    state = client.session[oidc.SESSION_KEY]["state"]
    query = urllib.parse.urlencode({"error": "access_denied", "state": state})
    _refused(client, client.get(f"/tai-khoan/sso/oidc/ve/?{query}"))


def test_missing_id_number_claim_is_refused(client, provider):
    del provider.person["id_number"]
    html = _refused(client, sign_in(client))
    assert "số định danh cá nhân hợp lệ" in html


def test_unreachable_provider_is_a_message_not_a_crash(client, settings):
    settings.MOTCUA_OIDC_ISSUER = "http://127.0.0.1:9"
    settings.MOTCUA_OIDC_CLIENT_ID = "x"
    settings.MOTCUA_OIDC_CLIENT_SECRET = "y"
    oidc._discovery_cache.clear()
    response = client.post("/tai-khoan/sso/oidc/bat-dau/")
    assert response["Location"] == LOGIN
