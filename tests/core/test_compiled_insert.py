"""A precompiled INSERT (core/compiled_insert.py) writes the same row, and leaves the instance in the
same state, as the ORM's `save(force_insert=True)` / `bulk_create` for every model the lifecycle writes
with it; what it cannot do the same way, it refuses."""

from datetime import UTC, datetime, time

import pytest
from django.db import connection, models
from django.db.models.functions import Now
from django.db.models.signals import post_save, pre_save
from django.test.utils import CaptureQueriesContext, isolate_apps

from motcua.catalog.models import Sector
from motcua.core import compiled_insert
from motcua.core.compiled_insert import UnsupportedInsert
from motcua.dossiers.models import (
    AppendOnlyError,
    Dossier,
    DossierComponent,
    DossierEvent,
    DossierFee,
    DossierFile,
    IdempotencyKey,
    OutboxMessage,
)
from tests.dossiers.world import make_world, media_root, receive, with_files  # noqa: F401  (media_root: fixture)

NOW = datetime(2026, 3, 2, 2, 15, 30, 123456, tzinfo=UTC)  # what auto_now / auto_now_add read

# a field to give each copy its own value, where a unique constraint asks for it
DISTINCT = {Dossier: "code", DossierComponent: "position", DossierEvent: "seq", IdempotencyKey: "key"}


@pytest.fixture
def world(db):
    return make_world()


def _freeze(monkeypatch):
    """From now on auto_now / auto_now_add read NOW (the templates were written before, at another
    time: a copy that kept the template's value instead of its field's pre_save would differ)."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


def _templates(world):
    """One stored row of each model the lifecycle writes with a precompiled insert, from a real
    receipt (with a file), plus an idempotency key; the dossier given values of every column type."""
    d = receive(world, components=with_files([{"position": 1, "digitised": True}, {"position": 2}]))
    d.same_day_cutoff = time(11, 30)
    d.eform_data = {"ho_ten": "Nguyễn Thị Ánh", "con": [{"ngay_sinh": "2026-01-05"}], "so": 3}
    d.assigned_officer = world.officer
    d.representative_name = "Trần Văn Bình"
    return [
        d,
        DossierComponent.objects.filter(dossier=d).first(),
        DossierFile.objects.filter(component__dossier=d).first(),
        DossierFee.objects.filter(dossier=d).first(),
        DossierEvent.objects.filter(dossier=d).first(),
        OutboxMessage.objects.filter(key=d.code).first(),
        IdempotencyKey(user=world.citizen, key="khoa-1", dossier=d, fingerprint="ab" * 32),
    ]


def _copy(template, n: int):
    """A new instance with the template's values (none of its primary key), distinct where unique."""
    model = type(template)
    values = {
        f.attname: getattr(template, f.attname) for f in model._meta.concrete_fields if not f.primary_key
    }
    if model is DossierFile:
        values["file"] = template.file.name
    distinct = DISTINCT.get(model)
    if distinct == "code" or distinct == "key":
        values[distinct] = f"{values[distinct]}-{n}"
    elif distinct:
        values[distinct] = 100 + n
    return model(**values)


def _compared(model) -> list[str]:
    return [
        f.attname for f in model._meta.concrete_fields if not f.primary_key and f.name != DISTINCT.get(model)
    ]


def _stored(obj) -> dict:
    model = type(obj)
    return model.objects.filter(pk=obj.pk).values(*_compared(model)).get()


def _state(obj) -> tuple:
    model = type(obj)
    return (obj._state.adding, obj._state.db, {a: getattr(obj, a) for a in _compared(model)})


MODELS = [Dossier, DossierComponent, DossierFile, DossierFee, DossierEvent, OutboxMessage, IdempotencyKey]


@pytest.mark.django_db
def test_one_row_is_the_row_save_writes(world, monkeypatch):
    templates = _templates(world)
    _freeze(monkeypatch)
    for template in templates:
        by_orm, compiled = _copy(template, 1), _copy(template, 2)
        by_orm.save(force_insert=True)
        assert compiled_insert.insert(compiled) is compiled
        assert compiled.pk is not None and compiled.pk != by_orm.pk
        assert _stored(compiled) == _stored(by_orm), type(template)
        assert _state(compiled) == _state(by_orm), type(template)
        assert compiled._state.adding is False and compiled._state.db == "default"
    # the auto_now / auto_now_add columns came from the field's pre_save, as the ORM's do
    dossier = Dossier.objects.order_by("-pk").first()
    assert dossier.created_at == dossier.updated_at == NOW
    assert dossier.same_day_cutoff == time(11, 30) and dossier.eform_data["ho_ten"] == "Nguyễn Thị Ánh"


@pytest.mark.django_db
def test_many_rows_are_the_rows_bulk_create_writes(world, monkeypatch):
    templates = _templates(world)
    _freeze(monkeypatch)
    assert [type(t) for t in templates] == MODELS
    for template in templates:
        by_orm = [_copy(template, 1), _copy(template, 2)]
        compiled = [_copy(template, 3), _copy(template, 4)]
        type(template).objects.bulk_create(by_orm)
        assert compiled_insert.insert_many(compiled) is compiled
        for a, b in zip(by_orm, compiled, strict=True):
            assert _stored(b) == _stored(a), type(template)
            assert _state(b) == _state(a), type(template)
        assert compiled[0].pk < compiled[1].pk


@pytest.mark.django_db
def test_many_rows_in_batches_keep_each_rows_key(world, monkeypatch):
    d = receive(world)
    monkeypatch.setattr(connection.ops, "bulk_batch_size", lambda fields, objs: 2)
    fees = [DossierFee(dossier=d, kind="fee", amount=1000 * i, name=f"Khoản {i}") for i in range(5)]
    with CaptureQueriesContext(connection) as queries:
        compiled_insert.insert_many(fees)
    assert [q["sql"].split()[0] for q in queries] == ["INSERT"] * 3  # 2 + 2 + 1 rows
    stored = dict(DossierFee.objects.filter(pk__in=[f.pk for f in fees]).values_list("pk", "name"))
    assert stored == {f.pk: f.name for f in fees} and len(stored) == 5


@pytest.mark.django_db
def test_insert_sends_the_signals_save_sends_and_insert_many_none(world):
    heard = []

    def listen(sender, instance, **kwargs):
        heard.append((sender, kwargs.get("created"), kwargs["raw"], kwargs["using"], kwargs["update_fields"]))

    pre_save.connect(listen, sender=OutboxMessage)
    post_save.connect(listen, sender=OutboxMessage)
    try:
        OutboxMessage(topic="t", created_at=NOW).save(force_insert=True)
        by_orm, heard[:] = list(heard), []
        compiled_insert.insert(OutboxMessage(topic="t", created_at=NOW))
        assert heard == by_orm and len(heard) == 2
        heard.clear()
        compiled_insert.insert_many([OutboxMessage(topic="t", created_at=NOW)])
        assert heard == []
    finally:
        pre_save.disconnect(listen, sender=OutboxMessage)
        post_save.disconnect(listen, sender=OutboxMessage)


@pytest.mark.django_db
def test_what_it_cannot_do_is_refused_loudly(world):
    d = receive(world)
    before = OutboxMessage.objects.count()
    with pytest.raises(UnsupportedInsert, match="expression"):
        compiled_insert.insert(OutboxMessage(topic="t", created_at=Now()))
    with pytest.raises(UnsupportedInsert, match="already has a primary key"):
        compiled_insert.insert(OutboxMessage(pk=10**9, topic="t", created_at=NOW))
    with pytest.raises(UnsupportedInsert, match="different models"):
        compiled_insert.insert_many(
            [OutboxMessage(topic="t", created_at=NOW), DossierFee(dossier=d, amount=1)]
        )
    assert OutboxMessage.objects.count() == before
    # the model's own save() check runs first: an event with a key is the append-only error
    with pytest.raises(AppendOnlyError):
        compiled_insert.insert(DossierEvent.objects.filter(dossier=d).first())
    # an unsaved related object, as save() refuses it
    with pytest.raises(ValueError, match="unsaved related object"):
        compiled_insert.insert(DossierFee(dossier=Dossier(code="X"), amount=1))
    # a model whose save() does more (Sector's search text), without a before_insert() to share it
    with pytest.raises(UnsupportedInsert, match="save\\(\\) is overridden"):
        compiled_insert.plan(Sector)


@isolate_apps("motcua.dossiers")
def test_models_it_cannot_write_are_refused_when_first_used():
    class WithDatabaseDefault(models.Model):  # noqa: DJ008
        n = models.IntegerField(db_default=1)

        class Meta:
            app_label = "dossiers"

    class WithGenerated(models.Model):  # noqa: DJ008
        a = models.IntegerField()
        b = models.GeneratedField(
            expression=models.F("a") + 1, output_field=models.IntegerField(), db_persist=True
        )

        class Meta:
            app_label = "dossiers"

    class WithUuidKey(models.Model):  # noqa: DJ008
        id = models.UUIDField(primary_key=True)

        class Meta:
            app_label = "dossiers"

    class Parent(models.Model):  # noqa: DJ008
        class Meta:
            app_label = "dossiers"

    class Child(Parent):  # noqa: DJ008
        class Meta:
            app_label = "dossiers"

    for model, reason in (
        (Parent, "no column besides the primary key"),
        (WithDatabaseDefault, "n: database default"),
        (WithGenerated, "b: generated field"),
        (WithUuidKey, "not a plain auto field"),
        (Child, "multi-table inheritance"),
    ):
        with pytest.raises(UnsupportedInsert, match=reason):
            compiled_insert.plan(model)
