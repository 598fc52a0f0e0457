# Written by hand: the public timeline keeps only the texts the process defines.

from django.db import migrations

# Before this migration these actions wrote the officer's (or applicant's) free-text reason into the
# public text, which the anonymous lookup shows. Each now has its own public text; the reason stays in
# the event's data (`reason`) for the applicant's own pages.
PUBLIC_TEXTS = {
    "request_supplement": "Hồ sơ cần bổ sung, hoàn thiện.",
    "refuse": "Hồ sơ bị từ chối tiếp nhận.",
    "reject": "Hồ sơ không được giải quyết.",
    "withdraw": "Hồ sơ đã được rút.",
    "stop": "Hồ sơ bị dừng giải quyết.",
    "apologize": "Cơ quan xin lỗi và hẹn lại ngày trả kết quả.",
}


def scrub_public_texts(apps, schema_editor):
    DossierEvent = apps.get_model("dossiers", "DossierEvent")
    rows = (
        DossierEvent.objects.filter(action__in=PUBLIC_TEXTS)
        .select_related("dossier")
        .only("pk", "action", "public_text", "data", "dossier__end_reason")
    )
    for event in rows.iterator(chunk_size=2000):
        data = dict(event.data or {})
        if "reason" not in data and event.action in ("refuse", "reject", "withdraw", "stop"):
            data["reason"] = event.dossier.end_reason
        DossierEvent.objects.filter(pk=event.pk).update(public_text=PUBLIC_TEXTS[event.action], data=data)


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0004_result_file_index"),
    ]

    operations = [
        migrations.RunPython(scrub_public_texts, migrations.RunPython.noop),
    ]
