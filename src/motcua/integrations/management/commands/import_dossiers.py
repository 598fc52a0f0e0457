"""`manage.py import_dossiers FILE.json [--json]`: dossiers handled in another system, as a JSON list of
national-portal `DongBoHoSoMC` records (docs/integrations.md, "Importing history"). Each record is
imported on its own (all or nothing); refused ones are listed with their number and every reason in
Vietnamese and English; the exit status is 1 when any record was refused. Re-running it with the same
file changes nothing."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from motcua.integrations.national_portal.importing import import_dossiers


class Command(BaseCommand):
    help = "Nhập hồ sơ đã xử lý ở hệ thống khác (danh sách bản ghi DongBoHoSoMC). / Import dossier history."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp JSON: danh sách bản ghi DongBoHoSoMC / a JSON list of records")
        parser.add_argument("--json", action="store_true", help="báo cáo dạng JSON / report as JSON")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            records = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc} / Cannot read {path}: {exc}") from None
        except RecursionError:
            raise CommandError(f"Tệp {path} lồng nhau quá sâu. / {path} is nested too deeply.") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise CommandError(
                f"Tệp {path} không phải JSON hợp lệ: {exc} / {path} is not valid JSON: {exc}"
            ) from None
        report = import_dossiers(records)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            for refusal in report.refused:
                self.stderr.write(refusal.line())
            n, same, bad = len(report.imported), len(report.unchanged), len(report.refused)
            self.stdout.write(
                f"Đã nhập {n}, không đổi {same}, từ chối {bad}. "
                f"/ Imported {n}, unchanged {same}, refused {bad}."
            )
        if report.refused:
            raise SystemExit(1)
