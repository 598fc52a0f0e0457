"""Seed the editable templates with the default texts of `kinds.DEFAULTS` (Vietnamese first, English
second). Existing rows are left as they are (an admin may have edited them)."""

from django.db import migrations

# The default texts live in kinds.DEFAULTS (also the fallback when an edited template breaks); a
# later change there reaches only databases created after it, never an admin's edited rows.
from motcua.notifications.kinds import DEFAULTS


def seed(apps, schema_editor):
    Template = apps.get_model("notifications", "NotificationTemplate")
    for kind, (subject_vi, body_vi, short_vi, subject_en, body_en) in DEFAULTS.items():
        Template.objects.get_or_create(
            kind=str(kind),
            defaults={
                "subject_vi": subject_vi,
                "body_vi": body_vi,
                "short_vi": short_vi,
                "subject_en": subject_en,
                "body_en": body_en,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_notifications")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
