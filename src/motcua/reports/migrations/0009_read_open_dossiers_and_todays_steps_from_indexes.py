"""Reads that stop growing with the history (docs/performance.md, 10M dossiers):
- on PostgreSQL the open dossiers' partial index `stat_open_due` is rebuilt as a covering index that
  carries every column the open-dossier counts read (an index-only scan: the odd forgotten dossier of
  an older year costs an index entry, not a page read). Django's model keeps the plain index (SQLite
  has no covering indexes, and the model check would warn on every command there);
- the step rollups get an index on (day, step): today's slowest steps for the province read today's
  rows, not every day's.
"""

from django.db import migrations, models

# the columns `reports.selectors` counts the open dossiers by (scope, period, the on-time rule)
OPEN_INDEX_INCLUDES = (
    "dossier_id",
    "received_at",
    "received_day",
    "supplement_count",
    "waiting_since",
    "judgement",
    "agency_id",
    "receiving_agency_id",
    "procedure_id",
)
PLAIN = (
    "CREATE INDEX stat_open_due ON reports_dossierstat (due_at) "
    "WHERE end_kind = '' AND received_at IS NOT NULL"
)
COVERING = (
    f"CREATE INDEX stat_open_due ON reports_dossierstat (due_at) INCLUDE ({', '.join(OPEN_INDEX_INCLUDES)}) "
    "WHERE end_kind = '' AND received_at IS NOT NULL"
)


def _rebuild(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("DROP INDEX IF EXISTS stat_open_due")
        schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0008_rebuild_statistics"),
    ]

    operations = [
        migrations.RunPython(_rebuild(COVERING), _rebuild(PLAIN)),
        migrations.AddIndex(
            model_name="steprollup",
            index=models.Index(fields=["day", "step"], name="step_rollup_day"),
        ),
    ]
