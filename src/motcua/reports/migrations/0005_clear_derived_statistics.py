"""The statistics gain the receiving agency as a key (0006): the facts and the rollups are derived
data, emptied here and re-derived from the dossiers and their event log by 0007 (or by
`manage.py rebuild_rollups`)."""

from django.db import migrations


def clear(apps, schema_editor):
    for name in ("MonthlyRollup", "DailyRollup", "StepRollup", "DossierStat"):
        apps.get_model("reports", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_stat_received_day_index")]

    operations = [migrations.RunPython(clear, migrations.RunPython.noop)]
