"""A holiday notice that adds Tết days moves an open dossier's due date: the admin sees it before
saving, and applying it recomputes the dossier through the lifecycle (an event on the dossier)."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from motcua.calendar import selectors
from motcua.calendar.models import Notice
from motcua.calendar.notice_changes import NoticeDraft, NoticeDraftError, calendar_diff, check_draft
from motcua.dossiers.calendar_change import notice_apply, notice_preview
from motcua.dossiers.errors import DossierForbidden
from motcua.dossiers.models import Dossier

from .world import make_world, receive, vn

ADMIN_ADD = "/admin/calendar/notice/add/"


def tet_2027(days=range(4, 13), fixes=True, month=2) -> NoticeDraft:
    """Thu 4 – Fri 12 Feb 2027 off (Lunar New Year is Sat 6 Feb 2027)."""
    return NoticeDraft(
        number="1/TB-BNV-2027",
        title="Nghỉ Tết Âm lịch 2027",
        year=2027,
        days=tuple((date(2027, month, d), "off", "Nghỉ") for d in days if date(2027, month, d).weekday() < 5),
        fixes_lunar_new_year=fixes,
        fixes_national_day=False,
    )


@pytest.fixture
def received_before_tet(db, fixed_clock):
    world = make_world(days=Decimal(5))
    fixed_clock.set(vn(2027, 2, 1, 9))  # Monday
    dossier = receive(world)
    # provisional Tết 2027: 5, 8–11 Feb off → Feb 2, 3, 4, 12, 15
    assert dossier.due_at == vn(2027, 2, 15, 9)
    return world, dossier


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x-Mat-khau-1")


def test_preview_lists_days_and_the_dossier_without_saving(received_before_tet, admin_user):
    _, dossier = received_before_tet
    preview = notice_preview(tet_2027())
    assert [c.day for c in preview.diff.added_off] == [date(2027, 2, 4), date(2027, 2, 12)]
    assert preview.diff.removed_off == ()
    assert any(s.day == date(2027, 2, 5) for s in preview.diff.provisional_replaced)
    assert [(m.code, m.new_due) for m in preview.moves] == [(dossier.code, vn(2027, 2, 17, 9))]
    assert not Notice.objects.filter(year=2027).exists()
    assert Dossier.objects.get(pk=dossier.pk).due_at == vn(2027, 2, 15, 9)


def test_apply_recomputes_through_the_lifecycle_with_an_event(received_before_tet, admin_user):
    _, dossier = received_before_tet
    notice, moves = notice_apply(tet_2027(), admin_user)
    assert len(moves) == 1
    dossier.refresh_from_db()
    assert dossier.due_at == dossier.original_due_at == vn(2027, 2, 17, 9)
    event = dossier.events.order_by("-seq").first()
    assert event.action == "recompute_due"
    assert event.data["notice"] == notice.number
    old, new = (datetime.fromisoformat(x) for x in event.data["due_moved"])
    assert (old, new) == (vn(2027, 2, 15, 9), vn(2027, 2, 17, 9))
    assert not selectors.work_calendar().is_working_day(date(2027, 2, 12))


def test_only_a_calendar_administrator_may_apply(received_before_tet):
    world, _ = received_before_tet
    with pytest.raises(DossierForbidden):
        notice_apply(tet_2027(), world.desk)
    assert not Notice.objects.filter(year=2027).exists()


def test_fixing_tet_without_tet_days_is_refused_never_a_silent_loss(db):
    draft = tet_2027(days=range(15, 16), fixes=True, month=3)  # only 15 Mar: nowhere near Tết
    with pytest.raises(NoticeDraftError) as caught:
        check_draft(draft)
    assert "Tết" in caught.value.messages[0] and "Lunar New Year" in caught.value.messages[0]
    # Without the box ticked the provisional Tết days stay: nothing is lost.
    kept = calendar_diff(tet_2027(days=range(15, 16), fixes=False, month=3))
    assert kept.provisional_replaced == ()


def test_admin_form_takes_dd_mm_yyyy_and_previews_then_applies(received_before_tet, admin_user, client):
    _, dossier = received_before_tet
    client.force_login(admin_user)
    data = {
        "number": "1/TB-BNV-2027",
        "title": "Nghỉ Tết Âm lịch 2027",
        "year": "2027",
        "issued_on": "15/10/2026",
        "fixes_lunar_new_year": "on",
        "days-TOTAL_FORMS": "7",
        "days-INITIAL_FORMS": "0",
    }
    for i, d in enumerate([4, 5, 8, 9, 10, 11, 12]):
        data.update({f"days-{i}-date": f"{d:02d}/02/2027", f"days-{i}-kind": "off", f"days-{i}-note": "Tết"})
    page = client.post(ADMIN_ADD, {**data, "_preview": "1"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Xem trước thay đổi" in html and dossier.code in html
    assert "04/02/2027" in html and "17/02/2027 09:00" in html
    assert not Notice.objects.filter(year=2027).exists()
    token = page.context["token"]
    done = client.post(ADMIN_ADD, {**data, "_apply": "1", "preview_token": token})
    assert done.status_code == 302
    notice = Notice.objects.get(number="1/TB-BNV-2027")
    assert notice.issued_on == date(2026, 10, 15)
    assert sorted(d.date for d in notice.days.all())[0] == date(2027, 2, 4)  # 4 February, not 2 April
    dossier.refresh_from_db()
    assert dossier.due_at == vn(2027, 2, 17, 9)


def test_admin_apply_without_a_preview_of_the_same_data_only_previews(
    received_before_tet, admin_user, client
):
    client.force_login(admin_user)
    data = {
        "number": "2/TB",
        "title": "Thử",
        "year": "2027",
        "days-TOTAL_FORMS": "1",
        "days-INITIAL_FORMS": "0",
        "days-0-date": "12/02/2027",
        "days-0-kind": "off",
        "_apply": "1",
        "preview_token": "không khớp",
    }
    page = client.post(ADMIN_ADD, data)
    assert page.status_code == 200 and "Xem trước thay đổi" in page.content.decode()
    assert not Notice.objects.filter(number="2/TB").exists()


def test_admin_form_refuses_a_date_that_is_not_dd_mm_yyyy(db, admin_user, client):
    client.force_login(admin_user)
    data = {
        "number": "3/TB",
        "title": "Thử",
        "year": "2027",
        "issued_on": "2026-13-45",
        "days-TOTAL_FORMS": "0",
        "days-INITIAL_FORMS": "0",
        "_preview": "1",
    }
    html = client.post(ADMIN_ADD, data).content.decode()
    assert "dd/mm/yyyy" in html
