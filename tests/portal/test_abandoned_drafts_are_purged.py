"""Drafts untouched for MOTCUA_DRAFT_RETENTION_DAYS (30) are deleted by `manage.py housekeeping` with
their files; a draft touched since, and a submitted one (it links to its dossier), stay."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

from motcua.portal import services
from motcua.portal.models import Draft, DraftFile
from tests.factories.organizations import UserFactory

from .helpers import start, submit
from .world import pdf


def _stored(media_root) -> set[str]:
    return {p.name for p in Path(media_root).rglob("*") if p.is_file()}


def _touched(draft, days):
    Draft.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - timedelta(days=days))


def test_only_the_abandoned_draft_goes_with_its_files(
    citizen_client, world, media_root, django_capture_on_commit_callbacks
):
    submitted = Draft.objects.get(dossier=submit(citizen_client, world))
    abandoned = start(citizen_client)
    services.draft_add_files(abandoned, {1: [pdf("bo-do.pdf")]})
    neighbour = UserFactory(username="hangxom")
    recent = services.draft_start(user=neighbour, version=world.procedure.current_version)
    services.draft_add_files(recent, {1: [pdf("con-soan.pdf")]})
    _touched(submitted, days=90)
    _touched(abandoned, days=31)
    _touched(recent, days=29)
    assert {"bo-do.pdf", "con-soan.pdf"} <= _stored(media_root)

    out = StringIO()
    call_command("housekeeping", "--dry-run", stdout=out)
    assert "Sẽ xóa / would delete: 1 hồ sơ nháp bỏ dở quá 30 ngày / abandoned drafts, 1 tệp" in out.getvalue()
    assert Draft.objects.filter(pk=abandoned.pk).exists() and "bo-do.pdf" in _stored(media_root)

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("housekeeping", stdout=out)
    assert "Đã xóa / deleted: 1 hồ sơ nháp bỏ dở" in out.getvalue()
    assert set(Draft.objects.values_list("pk", flat=True)) == {submitted.pk, recent.pk}
    assert not DraftFile.objects.filter(draft_id=abandoned.pk).exists()
    assert "bo-do.pdf" not in _stored(media_root) and "con-soan.pdf" in _stored(media_root)


def test_the_retention_is_a_setting(citizen_client, world, settings, django_capture_on_commit_callbacks):
    draft = start(citizen_client)
    _touched(draft, days=8)
    call_command("housekeeping", stdout=StringIO())
    assert Draft.objects.filter(pk=draft.pk).exists()
    settings.MOTCUA_DRAFT_RETENTION_DAYS = 7
    with django_capture_on_commit_callbacks(execute=True):
        call_command("housekeeping", stdout=StringIO())
    assert not Draft.objects.filter(pk=draft.pk).exists()


def test_my_dossiers_shows_until_when_a_draft_is_kept(citizen_client, world, settings):
    draft = start(citizen_client)
    _touched(draft, days=10)
    draft.refresh_from_db()
    html = citizen_client.get("/ho-so/").content.decode()
    expected = timezone.localtime(draft.updated_at + timedelta(days=30)).strftime("%d/%m/%Y")
    assert f'Giữ đến <span class="kept-until">{expected}</span>' in html
    settings.MOTCUA_DRAFT_RETENTION_DAYS = 60
    expected = timezone.localtime(draft.updated_at + timedelta(days=60)).strftime("%d/%m/%Y")
    assert f'<span class="kept-until">{expected}</span>' in citizen_client.get("/ho-so/").content.decode()
