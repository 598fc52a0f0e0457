"""Ship the 2025 (6150/TB-BLĐTBXH) and 2026 (9441/TB-BNV) notices, read from the data files
that also serve as the example of the import format."""

import json
from datetime import date
from pathlib import Path

from django.db import migrations

FILES = ["2025-6150-TB-BLDTBXH.json", "2026-9441-TB-BNV.json"]
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "notices"


def load(apps, schema_editor):
    Notice = apps.get_model("calendar", "Notice")
    NoticeDay = apps.get_model("calendar", "NoticeDay")
    for name in FILES:
        data = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
        if Notice.objects.filter(number=data["number"]).exists():
            continue
        notice = Notice.objects.create(
            number=data["number"], title=data["title"], year=data["year"],
            issued_on=date.fromisoformat(data["issued_on"]) if data.get("issued_on") else None,
            issuer=data.get("issuer", ""), source_url=data.get("source_url", ""),
            fixes_lunar_new_year=data.get("fixes_lunar_new_year", True),
            fixes_national_day=data.get("fixes_national_day", True), note=data.get("note", ""),
        )
        NoticeDay.objects.bulk_create(
            NoticeDay(notice=notice, date=date.fromisoformat(d["date"]), kind=d["kind"], note=d.get("note", ""))
            for d in data["days"]
        )


def unload(apps, schema_editor):
    Notice = apps.get_model("calendar", "Notice")
    Notice.objects.filter(number__in=["6150/TB-BLĐTBXH", "9441/TB-BNV"]).delete()


class Migration(migrations.Migration):
    dependencies = [("calendar", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
