"""The receiving agency as a key of the facts and rollups (a service centre's leader reads what the
centre received), and the working time spent in each step with its allotment (the slowest steps).
The tables are empty here (0005)."""

import django.db.models.deletion
from django.db import migrations, models


def _receiving():
    return models.ForeignKey(
        db_index=False,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="organizations.agency",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0003_delegation_revoked_by"),
        ("reports", "0005_clear_derived_statistics"),
    ]

    operations = [
        migrations.AddField(model_name="dossierstat", name="receiving_agency", field=_receiving()),
        migrations.AddField(model_name="dailyrollup", name="receiving_agency", field=_receiving()),
        migrations.AddField(model_name="monthlyrollup", name="receiving_agency", field=_receiving()),
        migrations.AddField(
            model_name="steprollup", name="spent_seconds", field=models.BigIntegerField(default=0)
        ),
        migrations.AddField(
            model_name="steprollup", name="allotted_seconds", field=models.BigIntegerField(default=0)
        ),
        migrations.AddIndex(
            model_name="dossierstat",
            index=models.Index(fields=["receiving_agency", "received_day"], name="stat_receiving_received"),
        ),
        migrations.RemoveConstraint(model_name="dailyrollup", name="rollup_key"),
        migrations.AddConstraint(
            model_name="dailyrollup",
            constraint=models.UniqueConstraint(
                fields=("agency", "day", "procedure", "channel", "receiving_agency"), name="rollup_key"
            ),
        ),
        migrations.AddIndex(
            model_name="dailyrollup",
            index=models.Index(fields=["receiving_agency", "day"], name="rollup_receiving"),
        ),
        migrations.RemoveConstraint(model_name="monthlyrollup", name="monthly_rollup_key"),
        migrations.AddConstraint(
            model_name="monthlyrollup",
            constraint=models.UniqueConstraint(
                fields=("agency", "month", "procedure", "channel", "receiving_agency"),
                name="monthly_rollup_key",
            ),
        ),
        migrations.AddIndex(
            model_name="monthlyrollup",
            index=models.Index(fields=["receiving_agency", "month"], name="monthly_rollup_receiving"),
        ),
    ]
