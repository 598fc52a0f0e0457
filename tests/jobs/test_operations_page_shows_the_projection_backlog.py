"""The operations page shows the projector's backlog: how many outbox records still wait to be derived
into statistics and notifications, and how long the oldest has waited — a worker without its projector,
or a record that keeps failing, shows as a growing number there."""

from datetime import timedelta

from django.urls import reverse

from motcua.integrations.selectors import operations_overview
from motcua.organizations.models import Role
from tests.factories.organizations import StaffRoleFactory
from tests.projection import project

from ..dossiers.world import act, receive


def test_the_backlog_grows_with_actions_and_empties_when_projected(world, fixed_clock, client):
    dossier = receive(world)
    act(dossier, "forward", world.officer)
    fixed_clock.set(fixed_clock.at + timedelta(seconds=90))
    overview = operations_overview()
    assert overview.unprojected == 2
    assert overview.projection_lag_seconds == 90

    admin = StaffRoleFactory(role=Role.PROVINCE_ADMIN, agency=world.centre).user
    client.force_login(admin)
    page = client.get(reverse("jobs:operations")).content.decode()
    assert 'id="ops-unprojected">2 (chờ lâu nhất 90 giây)' in page

    project()
    overview = operations_overview()
    assert overview.unprojected == 0 and overview.projection_lag_seconds is None
    page = client.get(reverse("jobs:operations")).content.decode()
    assert 'id="ops-unprojected">0</dd>' in page
