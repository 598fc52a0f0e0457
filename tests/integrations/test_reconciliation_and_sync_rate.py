"""The reconciliation compares, per dossier, what was sent with what the national portal confirmed
(over real loopback HTTP with the fake portal): confirmed → in sync; failing → pending; given up →
dead; marked delivered while the connector was off → never confirmed. The sync rate of the index
(DOSSIER_SYNC) counts only receipts the portal confirmed, per competent agency; the page and the
command show the same."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from motcua.core import clock
from motcua.dossiers.models import OutboxMessage
from motcua.integrations import selectors
from motcua.integrations.models import PortalSync
from motcua.integrations.national_portal.importing import import_record
from motcua.jobs.relay import Relay
from motcua.organizations.models import Role
from tests.factories.national_records import history_record
from tests.factories.organizations import StaffRoleFactory

from ..dossiers.world import receive
from .portal import drain_until_empty


@pytest.fixture
def scene(world, fake_portal, relay, settings):
    """in_sync: received and delivered; dead: given up after the portal failed; pending: failing now;
    unconfirmed: delivered while the connector was off; imported: history from another system."""
    settings.MOTCUA_RELAY_MAX_ATTEMPTS = 2
    in_sync = receive(world)
    drain_until_empty(relay)
    dead = receive(world)
    fake_portal.fail_next(2, http_status=503)
    relay.drain()
    relay.tick.advance(3600)
    relay.drain()
    unconfirmed = receive(world)
    Relay(worker_id="off", plugins=[]).drain()  # the connector off: marked delivered, nothing sent
    pending = receive(world)
    fake_portal.fail_next(1, error_code="99")
    relay.drain()
    now = clock.now()
    imported = history_record(world, 77, 10, start=now - timedelta(hours=6))
    imported["NgayKetThucXuLy"] = imported["NgayTra"] = ""
    imported["TrangThaiHoSo"] = "2"
    import_record(imported, now=now)
    return {
        "in_sync": in_sync.code,
        "dead": dead.code,
        "unconfirmed": unconfirmed.code,
        "pending": pending.code,
        "imported": imported["MaHoSo"],
    }


def _period():
    now = clock.now()
    return now - timedelta(days=1), now + timedelta(days=1)


def test_each_dossier_gets_its_verdict(scene):
    counts, rows = selectors.reconciliation(*_period(), problems_only=False)
    verdict = {r.code: r.state for r in rows}
    assert verdict == {
        scene["in_sync"]: "in_sync",
        scene["dead"]: "dead",
        scene["unconfirmed"]: "unconfirmed",
        scene["pending"]: "pending",
        scene["imported"]: "in_sync",
    }
    by_code = {r.code: r for r in rows}
    assert by_code[scene["in_sync"]].confirmed_status == by_code[scene["in_sync"]].national_status == 2
    assert by_code[scene["dead"]].dead == 1 and by_code[scene["dead"]].confirmed_status is None
    assert by_code[scene["pending"]].last_sent_status == 2 and by_code[scene["pending"]].pending == 1
    assert by_code[scene["unconfirmed"]].last_sent_status == 2  # "sent" (marked delivered), never confirmed
    assert counts == {"in_sync": 2, "dead": 1, "unconfirmed": 1, "pending": 1}


def test_sync_rate_counts_confirmed_receipts_only(scene, world):
    rates = selectors.sync_rate([world.department.pk, world.other.pk], *_period())
    assert rates[world.department.pk].received == 5
    assert rates[world.department.pk].synced == 2  # in_sync and imported
    assert rates[world.department.pk].rate == selectors.Decimal("0.4000")
    assert rates[world.other.pk].received == 0 and rates[world.other.pk].rate is None
    assert selectors.total(rates).synced == 2
    by_desk = selectors.sync_rate(None, *_period(), by="receiving")
    assert by_desk == {world.centre.pk: selectors.SyncRate(5, 2)}


def test_confirmation_follows_the_portal(scene, fake_portal, relay):
    """Once the portal is back and the dead letter retried, everything is confirmed."""
    from motcua.jobs.relay import retry_dead_letter

    retry_dead_letter(OutboxMessage.objects.get(key=scene["dead"], dead_at__isnull=False).pk, by_name="test")
    relay.tick.advance(3600)
    drain_until_empty(relay)
    sync = PortalSync.objects.get(dossier__code=scene["dead"])
    assert sync.confirmed_status == 2
    counts, _rows = selectors.reconciliation(*_period())
    assert counts == {"in_sync": 4, "unconfirmed": 1}


def test_page_and_command(scene, client, world):
    first, last = (d.astimezone(selectors.timezone.get_current_timezone()).date() for d in _period())
    supervisor = StaffRoleFactory(role=Role.SUPERVISOR, agency=world.centre).user
    client.force_login(supervisor)
    page = client.get(reverse("jobs:reconciliation"), {"tu": first.isoformat(), "den": last.isoformat()})
    assert page.status_code == 200
    html = page.content.decode()
    assert world.department.name in html and "40%" in html
    assert scene["dead"] in html and scene["in_sync"] not in html
    client.force_login(world.desk)
    assert client.get(reverse("jobs:reconciliation")).status_code == 403

    out = StringIO()
    with pytest.raises(SystemExit):  # a dead letter and an unconfirmed dossier: exit 1
        call_command(
            "reconcile_portal", "--from", first.isoformat(), "--to", last.isoformat(), "--json", stdout=out
        )
    report = json.loads(out.getvalue())
    assert report["sync_rate"][world.department.identifier] == {"received": 5, "synced": 2, "rate": 0.4}
    assert report["states"] == {"in_sync": 2, "dead": 1, "unconfirmed": 1, "pending": 1}


def test_operations_page_shows_the_queue_by_partner(scene, client, world):
    admin = StaffRoleFactory(role=Role.PROVINCE_ADMIN, agency=world.centre).user
    client.force_login(admin)
    page = client.get(reverse("jobs:operations"))
    assert page.status_code == 200
    overview = page.context["overview"]
    assert overview.pending == 1 and overview.failing == 1 and overview.dead == 1
    assert overview.failures_by_partner == {"dvcqg": 2}
    assert dict(overview.failure_codes) == {"dvcqg:http_503": 1, "dvcqg:error_code:99": 1}
    assert overview.last_confirmed is not None and overview.imported == 1
    assert "dvcqg:error_code:99" in page.content.decode()


def test_reconciliation_page_in_english(scene, client, world, settings):
    first, last = (d.astimezone(selectors.timezone.get_current_timezone()).date() for d in _period())
    client.force_login(StaffRoleFactory(role=Role.SUPERVISOR, agency=world.centre).user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(
        reverse("jobs:reconciliation"), {"tu": first.isoformat(), "den": last.isoformat()}
    ).content
    html = html.decode()
    assert (
        "Sync rate (indicator DOSSIER_SYNC)" in html and "Dead letter" in html and "Never confirmed" in html
    )
    operations = client.get(reverse("jobs:operations")).content.decode()
    assert "Failures by partner" in operations and "Last confirmation from the national portal" in operations


def test_a_record_for_the_statistics_only_changes_no_verdict(scene, relay):
    """A rating writes an outbox record of its own topic (dossiers.projections.CHANGED_TOPIC) for the
    projector: the relay passes it without sending, and the reconciliation still reads the dossier's
    last `dossier.*` record."""
    from motcua.dossiers import projections
    from motcua.dossiers.models import Dossier

    projections.record_change(Dossier.objects.get(code=scene["in_sync"]), "rating")
    relay.drain()
    assert OutboxMessage.objects.get(topic=projections.CHANGED_TOPIC).processed_at is not None
    _counts, rows = selectors.reconciliation(*_period(), problems_only=False)
    row = next(r for r in rows if r.code == scene["in_sync"])
    assert row.state == "in_sync" and row.last_sent_status == 2 and row.pending == 0
