"""The demo's invented history notifies nobody (the loader projects its outbox records into the
statistics only); then the latest two events of each notifying kind are notified, for every wanted
channel, so `make run` shows deliveries at once. Every demo dossier is counted, no record is left for
the worker to notify. Loading again adds nothing."""

from collections import Counter

from motcua.demo.loader import load_demo
from motcua.dossiers.models import Dossier, DossierEvent, OutboxMessage
from motcua.notifications.kinds import ACTION_KINDS
from motcua.notifications.models import Notification
from motcua.reports.models import DossierStat
from tests.projection import project


def test_only_recent_events_are_notified(db, settings):
    settings.MOTCUA_NOTIFY_CHANNELS = "email,sms,zalo"
    load_demo()
    notified = set(Notification.objects.values_list("dossier_id", "event_seq"))
    notifying = DossierEvent.objects.filter(action__in=[*ACTION_KINDS, "issue_result"])
    assert 0 < len(notified) < notifying.count()  # some, not the whole history
    events = set(Notification.objects.values_list("kind", "dossier_id", "event_seq"))
    assert max(Counter(kind for kind, _, _ in events).values()) <= 2
    for action in [*ACTION_KINDS, "issue_result"]:
        latest = notifying.filter(action=action).order_by("-at", "-id")[:2]
        for event in latest:
            if action != "issue_result" or event.to_state == "result_ready":
                assert (event.dossier_id, event.seq) in notified
    # written for every wanted channel, configured yet or not (the fakes start after the load)
    assert set(Notification.objects.values_list("channel", flat=True)) == {"email", "sms", "zalo"}
    count = Notification.objects.count()
    assert not OutboxMessage.objects.filter(projected_at__isnull=True).exists()
    assert DossierStat.objects.count() == Dossier.objects.count() > 0
    assert project().projected == 0 and Notification.objects.count() == count  # the worker finds nothing
    load_demo()
    assert Notification.objects.count() == count
