"""Only an account holding `integrations.receive_national_dossiers` explicitly may send forwarded dossiers:
a citizen's, a desk officer's or a superuser's token is refused (403), no token is 401; and the
lifecycle itself refuses the portal's code from anyone else."""

import pytest

from motcua.api.auth import token_issue
from motcua.dossiers import lifecycle
from motcua.dossiers.errors import DossierForbidden
from motcua.dossiers.models import Dossier
from tests.factories.national_records import new_dossier_record
from tests.factories.organizations import UserFactory
from tests.integrations.inbound import URL, post_record


@pytest.mark.parametrize("who", ["citizen", "desk", "superuser"])
def test_other_accounts_are_forbidden(client, world, fixed_clock, who):
    user = {
        "citizen": world.citizen,
        "desk": world.desk,
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }[who]
    token = token_issue(user)[1]
    response = post_record(client, token, new_dossier_record(world))
    assert response.status_code == 403
    assert response.json()["code"] == "not_integration_account"
    assert not Dossier.objects.exists()


def test_no_token_is_401(client, world):
    response = client.post(URL, data="{}", content_type="application/json")
    assert response.status_code == 401


def test_the_lifecycle_refuses_a_kept_code_from_a_desk_officer(world, fixed_clock):
    with pytest.raises(DossierForbidden) as refused:
        lifecycle.perform(
            None,
            "submit",
            world.desk,
            procedure=world.procedure.code,
            competent_agency=world.department.identifier,
            applicant=world.applicant,
            channel="national_portal",
            national_code="G22.99-260302-0300",
        )
    assert refused.value.code == "not_integration_account"
    assert not Dossier.objects.exists()
