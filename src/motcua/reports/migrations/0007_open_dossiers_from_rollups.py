"""The `ended_unreceived` counter and the two composite indexes of the facts (docs/statistics.md). The
rows are emptied by 0005 and re-derived by 0008 (`rollups.rebuild`), which fills the new counter."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0008_result_is_document'),
        ('dossiers', '0013_result_document_fields'),
        ('organizations', '0004_vietnamese_field_names'),
        ('reports', '0006_receiving_agency_step_time'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='dossierstat',
            name='stat_ended',
        ),
        migrations.RemoveIndex(
            model_name='dossierstat',
            name='stat_received_day',
        ),
        migrations.AddField(
            model_name='dailyrollup',
            name='ended_unreceived',
            field=models.IntegerField(default=0),
        ),
        migrations.AddField(
            model_name='monthlyrollup',
            name='ended_unreceived',
            field=models.IntegerField(default=0),
        ),
        migrations.AddIndex(
            model_name='dossierstat',
            index=models.Index(fields=['ended_at', 'received_at'], name='stat_ended_received'),
        ),
        migrations.AddIndex(
            model_name='dossierstat',
            index=models.Index(fields=['received_day', 'ended_at'], name='stat_received_day_ended'),
        ),
    ]
