"""`manage.py integration_account` makes the portal's account (the permission only, no password) and
issues it a token that the inbound endpoint accepts."""

from io import StringIO

from django.core.management import call_command

from motcua.integrations.accounts import is_integration_account
from motcua.organizations.models import User
from tests.factories.national_records import new_dossier_record
from tests.integrations.inbound import post_record


def test_account_and_token(client, world, fixed_clock):
    out = StringIO()
    call_command("integration_account", "dvcqg", "--token", "cong-dvcqg", stdout=out)
    user = User.objects.get(username="dvcqg")
    assert is_integration_account(user) and not user.has_usable_password() and not user.is_staff
    token = next(line.split(" ", 1)[1] for line in out.getvalue().splitlines() if line.startswith("Bearer "))
    call_command("integration_account", "dvcqg", stdout=StringIO())  # again: nothing new
    assert User.objects.filter(username="dvcqg").count() == 1

    assert post_record(client, token, new_dossier_record(world)).status_code == 201
