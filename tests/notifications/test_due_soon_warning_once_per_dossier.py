"""The officer holding a dossier and the agency's leaders are warned once when its due date comes
within MOTCUA_NOTIFY_DUE_SOON_HOURS working hours (the calendar engine: nights and weekends do not
count) and it has no result; running the job again warns nobody again."""

from motcua.notifications.due_soon import warn_due_soon
from motcua.notifications.kinds import Status
from motcua.notifications.models import DueWarning, Notification
from motcua.notifications.tasks import due_soon_warnings
from tests.dossiers.world import act, receive, to_result, vn


def _staff_contacts(world):
    for user, email, phone in (
        (world.officer, "chuyenvien@example.vn", "0901000001"),
        (world.leader, "lanhdao@example.vn", "0901000002"),
    ):
        user.email, user.phone = email, phone
        user.save(update_fields=["email", "phone"])


def test_warned_once_within_the_threshold(world, fixed_clock, settings, channels, dispatcher, fake_sms):
    settings.MOTCUA_NOTIFY_DUE_SOON_HOURS = "4"
    _staff_contacts(world)
    dossier = receive(world)  # Monday 09:00 + 3 working days → due Thursday 09:00
    done = to_result(world, receive(world))  # has its result: never warned
    assert dossier.due_at == vn(2026, 3, 5, 9, 0)

    fixed_clock.set(vn(2026, 3, 4, 11, 0))  # Wednesday 11:00: 6 working hours left (lunch excluded)
    assert warn_due_soon() == 0
    fixed_clock.set(vn(2026, 3, 4, 14, 0))  # 4 working hours left (14–17 h, then Thursday 08–09 h)
    assert warn_due_soon() == 1
    assert warn_due_soon() == 0  # once
    fixed_clock.set(vn(2026, 3, 4, 16, 0))
    assert due_soon_warnings.call() == 0  # the scheduled job: still once

    rows = Notification.objects.filter(kind="due_soon")
    assert {r.dossier_id for r in rows} == {dossier.pk} and done.pk not in {r.dossier_id for r in rows}
    assert {(r.recipient_role, r.channel, r.address) for r in rows} == {
        ("officer", "email", "chuyenvien@example.vn"),
        ("officer", "sms", "0901000001"),
        ("officer", "zalo", "0901000001"),
        ("leader", "email", "lanhdao@example.vn"),
        ("leader", "sms", "0901000002"),
        ("leader", "zalo", "0901000002"),
    }
    assert DueWarning.objects.get().threshold_hours == 4

    dispatcher.drain()
    assert {r.status for r in Notification.objects.filter(kind="due_soon")} == {Status.SENT}
    text = next(d["text"] for d in fake_sms.delivered if d["to"] == "84901000001")
    assert dossier.code in text and "05/03/2026 09:00" in text and "còn 4 giờ làm việc" in text


def test_weekend_hours_do_not_count_and_a_new_due_date_earns_a_new_warning(
    world, fixed_clock, settings, channels
):
    settings.MOTCUA_NOTIFY_DUE_SOON_HOURS = "8"
    _staff_contacts(world)
    fixed_clock.set(vn(2026, 3, 4, 9, 0))  # Wednesday: 3 working days → due Monday 9 March 09:00
    dossier = receive(world)
    fixed_clock.set(vn(2026, 3, 6, 8, 0))  # Friday 08:00: 9 working hours left, 3 calendar days
    assert warn_due_soon() == 0
    fixed_clock.set(vn(2026, 3, 6, 10, 0))  # Friday 10:00: 7 working hours, though 71 hours away
    assert warn_due_soon() == 1
    fixed_clock.set(vn(2026, 3, 9, 8, 30))
    dossier = act(
        dossier, "apologize", world.leader, reason="Chờ xác minh", new_due_at="2026-03-10T16:00:00+07:00"
    )
    assert warn_due_soon() == 0  # the new date is 14.5 working hours away
    fixed_clock.set(vn(2026, 3, 10, 9, 0))  # Tuesday 09:00: 7 working hours before the new date
    assert warn_due_soon() == 1
    assert DueWarning.objects.filter(dossier=dossier).count() == 2
