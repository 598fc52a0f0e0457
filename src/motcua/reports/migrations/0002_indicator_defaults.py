from django.db import migrations


def seed(apps, schema_editor):
    from motcua.reports.indicators import seed_defaults

    seed_defaults(apps.get_model("reports", "IndicatorSetting"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_statistics")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
