"""Migration 0005 replaces the reasons older events carried in their public text with the texts the
process defines, and keeps each reason in the event's data for the applicant's own page."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from motcua.dossiers.models import DossierEvent

from .world import act, make_world, receive

OLD = [("dossiers", "0004_result_file_index")]
REASON = "Gọi ông Bình 0987 654 321 để nộp lại tờ khai"


@pytest.mark.django_db(transaction=True)
def test_old_public_reasons_are_scrubbed():
    world = make_world()
    asked = act(receive(world), "request_supplement", world.desk, reason=REASON)
    refused = act(receive(world), "refuse", world.desk, reason=REASON)
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(OLD)
    try:
        old_event = (
            MigrationExecutor(connection).loader.project_state(OLD).apps.get_model("dossiers", "DossierEvent")
        )
        old_event.objects.filter(dossier_id=asked.pk, action="request_supplement").update(
            public_text="Yêu cầu bổ sung: " + REASON
        )
        old_event.objects.filter(dossier_id=refused.pk, action="refuse").update(
            public_text="Từ chối tiếp nhận: " + REASON, data={}
        )
    finally:
        MigrationExecutor(connection).migrate(latest)
    supplement = DossierEvent.objects.get(dossier=asked, action="request_supplement")
    refusal = DossierEvent.objects.get(dossier=refused, action="refuse")
    assert supplement.public_text == "Hồ sơ cần bổ sung, hoàn thiện."
    assert supplement.data["reason"] == REASON
    assert refusal.public_text == "Hồ sơ bị từ chối tiếp nhận."
    assert refusal.data["reason"] == REASON  # from the dossier's end reason
    receipt = DossierEvent.objects.get(dossier=refused, action="receive")
    assert REASON not in receipt.public_text
