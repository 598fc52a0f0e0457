"""Re-derive the facts and rollups emptied by 0005 (`rollups.rebuild`, the code of the release that
added the receiving agency). Should the rebuild fail (a later release changed these tables), the
numbers stay empty and `manage.py rebuild_rollups` fills them: a warning says so."""

import sys

from django.db import migrations, transaction


def rebuild(apps, schema_editor):
    if not apps.get_model("dossiers", "Dossier").objects.exists():
        return
    try:
        from motcua.reports.rollups import rebuild as run

        with transaction.atomic():
            run()
    except Exception as exc:  # noqa: BLE001 - derived data: never block a migration on it
        sys.stderr.write(f"reports: run `manage.py rebuild_rollups` (rebuild skipped: {exc})\n")


class Migration(migrations.Migration):
    dependencies = [
        ("calendar", "0002_notices_2025_2026"),
        ("catalog", "0008_result_is_document"),
        ("dossiers", "0014_outbox_projected_at"),
        ("organizations", "0004_vietnamese_field_names"),
        ("portal", "0002_lookup_misses_per_code_and_address"),
        ("workflow", "0002_vietnamese_field_names"),
        ("reports", "0007_open_dossiers_from_rollups"),
    ]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
