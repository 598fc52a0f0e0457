"""Migration 0002 moves the portal's old e-form keys for the result delivery into the dossier's fields."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from motcua.dossiers.models import Dossier

from .world import make_world, submit

OLD = [("dossiers", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_old_eform_keys_become_fields():
    dossier = submit(make_world())
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(OLD)
    try:
        old_model = (
            MigrationExecutor(connection).loader.project_state(OLD).apps.get_model("dossiers", "Dossier")
        )
        old_model.objects.filter(pk=dossier.pk).update(
            eform_data={"ho_ten": "A", "_nhan_ket_qua": "post", "_dia_chi_nhan_ket_qua": "Số 2 Trần Phú"}
        )
    finally:
        MigrationExecutor(connection).migrate(latest)
    moved = Dossier.objects.get(pk=dossier.pk)
    assert moved.requested_return_channel == "post"
    assert moved.return_address == "Số 2 Trần Phú"
    assert moved.eform_data == {"ho_ten": "A"}
