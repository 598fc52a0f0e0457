"""Every password change revokes the user's API tokens: the e-mailed reset link, Django's change-password
form, the admin's "set password". Other users' tokens live on, and a silent re-hash on login (a hasher
upgrade) is not a change."""

import re

import pytest
from django.contrib.auth.forms import PasswordChangeForm
from django.core import mail
from django.test import Client

from motcua.api.auth import token_issue
from motcua.dossiers.models import ApiToken
from tests.dossiers.world import PASSWORD
from tests.factories.organizations import UserFactory

pytestmark = pytest.mark.django_db
NEW = "Bien-xanh-2027!"


def _works(clear: str) -> int:
    return Client().get("/api/v1/dossiers", headers={"Authorization": f"Bearer {clear}"}).status_code


@pytest.fixture
def tokens(world, fixed_clock):
    """Two tokens of the desk officer and one of another officer, all working."""
    clears = [token_issue(world.desk, name=n)[1] for n in ("a", "b")]
    other = token_issue(world.officer)[1]
    assert [_works(c) for c in (*clears, other)] == [200, 200, 200]
    return clears, other


def _assert_revoked(world, clears, other):
    assert [_works(c) for c in clears] == [401, 401]
    assert _works(other) == 200
    assert not ApiToken.objects.filter(user=world.desk, revoked_at__isnull=True).exists()


def test_a_password_reset_revokes_the_tokens(world, tokens):
    world.desk.email = "mot-cua@example.vn"
    world.desk.save(update_fields=["email"])
    client = Client()
    client.post("/tai-khoan/quen-mat-khau/", {"email": "mot-cua@example.vn"})
    link = re.search(r"https?://[^/\s]+(/tai-khoan/dat-lai-mat-khau/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    _assert_revoked(world, *tokens)


def test_changing_the_password_revokes_the_tokens(world, tokens):
    form = PasswordChangeForm(
        world.desk, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    assert form.is_valid(), form.errors
    form.save()
    _assert_revoked(world, *tokens)


def test_an_admin_setting_the_password_revokes_the_tokens(world, tokens):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    url = f"/admin/organizations/user/{world.desk.pk}/password/"
    response = client.post(url, {"password1": NEW, "password2": NEW, "usable_password": "true"})
    assert response.status_code == 302, response.content.decode()[:2000]
    world.desk.refresh_from_db()
    assert world.desk.check_password(NEW)
    _assert_revoked(world, *tokens)


def test_a_new_token_after_the_change_works(world, tokens):
    world.desk.set_password(NEW)
    world.desk.save()
    _assert_revoked(world, *tokens)
    assert _works(token_issue(world.desk)[1]) == 200


def test_a_silent_rehash_on_login_keeps_the_tokens(world, tokens, settings):
    clears, _ = tokens
    # Log in once under a stronger hasher: Django re-hashes the same password and saves it.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    before = type(world.desk).objects.get(pk=world.desk.pk).password
    assert world.desk.check_password(PASSWORD)
    after = type(world.desk).objects.get(pk=world.desk.pk).password
    assert before != after  # the hash was upgraded and saved
    assert [_works(c) for c in clears] == [200, 200]


def test_the_check_framework_refuses_a_configuration_without_the_hook(settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    call_command("check")  # the project's settings pass
    settings.AUTH_PASSWORD_VALIDATORS = [
        v for v in settings.AUTH_PASSWORD_VALIDATORS if "RevokeApiTokens" not in v["NAME"]
    ]
    with pytest.raises(SystemCheckError, match=r"api\.E001"):
        call_command("check")
