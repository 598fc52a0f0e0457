"""The same forwarded record twice is the same dossier (200, no second row, no second file); a changed
record under the same code is refused with 409 and changes nothing; a code our own dossiers use is
refused with 409."""

from motcua.dossiers.models import Dossier, DossierFile, OutboxMessage
from motcua.integrations.models import ExternalDossier
from tests.dossiers.world import submit
from tests.factories.national_records import new_dossier_record
from tests.integrations.inbound import integration_token, post_record, stored_files


def test_replayed_record_returns_the_same_dossier(client, world, fixed_clock, media_root):
    _, token = integration_token()
    record = new_dossier_record(world, "G22.99-260302-0100")
    first = post_record(client, token, record)
    files_after_first = stored_files(media_root)
    reordered = dict(reversed(list(record.items())))  # the same record, keys in another order

    second = post_record(client, token, reordered)

    assert first.status_code == 201 and second.status_code == 200, second.content
    assert second.json()["code"] == first.json()["code"] and second.json()["created"] is False
    assert Dossier.objects.filter(code="G22.99-260302-0100").count() == 1
    assert ExternalDossier.objects.count() == 1
    assert DossierFile.objects.count() == len(record["TaiLieuNop"])
    assert OutboxMessage.objects.count() == 1
    assert stored_files(media_root) == files_after_first


def test_changed_replay_is_a_conflict(client, world, fixed_clock):
    _, token = integration_token()
    record = new_dossier_record(world, "G22.99-260302-0101")
    post_record(client, token, record)

    changed = post_record(client, token, {**record, "TrichYeuHoSo": "Nội dung khác"})

    assert changed.status_code == 409
    problem = changed.json()
    assert problem["code"] == "record_changed" and problem["detail"] and problem["detail_en"]
    assert Dossier.objects.get(code="G22.99-260302-0101").summary == record["TrichYeuHoSo"]


def test_a_code_of_our_own_is_refused(client, world, fixed_clock):
    _, token = integration_token()
    ours = submit(world)

    response = post_record(client, token, new_dossier_record(world, ours.code))

    assert response.status_code == 409 and response.json()["code"] == "code_taken"
    assert ExternalDossier.objects.count() == 0
