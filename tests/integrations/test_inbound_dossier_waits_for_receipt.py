"""A dossier forwarded by the national portal is created through the lifecycle on the channel "national
portal" with the portal's code, its files checked and stored, waiting in the desk's "Chờ tiếp nhận (Cổng
DVCQG)" bucket; the outbox carries its creation like any other dossier's."""

from motcua.backoffice.selectors import Scope, bucket_condition
from motcua.dossiers.models import Dossier, DossierFile, OutboxMessage
from motcua.integrations.models import ExternalDossier, ExternalSource
from tests.factories.national_records import new_dossier_record
from tests.integrations.inbound import integration_token, post_record


def test_forwarded_record_becomes_a_dossier_waiting_at_the_desk(client, world, fixed_clock):
    account, token = integration_token()
    record = new_dossier_record(world, "G22.99-260302-0007")

    response = post_record(client, token, record)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"] == "G22.99-260302-0007"
    assert body["created"] is True and body["state"] == "submitted" and body["national_status"] == 1
    dossier = Dossier.objects.get(code="G22.99-260302-0007")
    assert dossier.channel == "national_portal"
    assert dossier.receiving_agency == world.centre and dossier.competent_agency == world.department
    assert dossier.applicant.id_number == "001090000123"
    files = DossierFile.objects.filter(component__dossier=dossier)
    assert files.count() == len(record["TaiLieuNop"]) and all(
        f.content_type == "application/pdf" for f in files
    )
    assert all(c.digitised for c in dossier.components.all())
    external = ExternalDossier.objects.get(dossier=dossier)
    assert external.source == ExternalSource.PORTAL and external.received_by == account
    assert external.record["TaiLieuNop"][0]["NoiDungTep"].startswith("sha256:")  # contents not kept twice
    event = dossier.events.get()
    assert event.action == "submit" and event.actor == account
    assert OutboxMessage.objects.filter(key=dossier.code, topic="dossier.submit").count() == 1
    desk_bucket = Dossier.objects.filter(bucket_condition(Scope.of(world.desk), "cho-tiep-nhan-dvcqg"))
    assert list(desk_bucket) == [dossier]
    assert not Dossier.objects.filter(bucket_condition(Scope.of(world.desk), "cho-tiep-nhan")).exists()


def test_the_desk_receives_it_like_any_online_dossier(client, world, fixed_clock):
    from tests.dossiers.world import act

    _, token = integration_token()
    post_record(client, token, new_dossier_record(world, "G22.99-260302-0008"))
    dossier = act(Dossier.objects.get(code="G22.99-260302-0008"), "receive", world.desk)
    assert dossier.state == "received" and dossier.code == "G22.99-260302-0008"
    assert dossier.due_at is not None
