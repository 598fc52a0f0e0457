"""`python -m motcua.manage import_process FILE.json [--draft|--publish]`: import process definitions.

The file holds one definition (an object) or several (a list), in the format of `export_process`.
All or nothing: with any problem, every message is printed (one line each), nothing is written and the
exit code is 1.
"""

import json
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from motcua.workflow.services import process_definition_import


class Command(BaseCommand):
    help = (
        "Nhập quy trình nội bộ từ tệp JSON (một quy trình hoặc danh sách). "
        "/ Import internal process definitions from a JSON file (one object or a list)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp JSON, hoặc - để đọc từ stdin. / JSON file, or - for stdin.")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--draft", action="store_true", help="Luôn nhập thành bản nháp. / Always import as drafts."
        )
        mode.add_argument(
            "--publish",
            action="store_true",
            help="Kiểm tra và công bố ngay. / Validate and publish at once.",
        )

    def handle(self, *args, file: str, draft: bool, publish: bool, **options):
        try:
            if file == "-":
                payload = json.load(sys.stdin)
            else:
                with open(file, encoding="utf-8") as fh:
                    payload = json.load(fh)
        except OSError as exc:
            raise CommandError(
                f"Không đọc được tệp {file}: {exc.strerror}. / Cannot read {file}: {exc.strerror}.",
                returncode=1,
            ) from None
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"Tệp không phải JSON hợp lệ: {exc}. / Not valid JSON: {exc}.", returncode=1
            ) from None
        items = payload if isinstance(payload, list) else [payload]
        mode = True if publish else (False if draft else None)
        problems: list[str] = []
        created = []
        with transaction.atomic():
            for index, item in enumerate(items, start=1):
                try:
                    with transaction.atomic():
                        created.append(process_definition_import(item, publish=mode))
                except ValidationError as exc:
                    problems += [f"[{index}] {m}" for m in exc.messages]
            if problems:
                transaction.set_rollback(True)
        if problems:
            raise CommandError("\n".join(problems), returncode=1)
        for d in created:
            self.stdout.write(
                f"Đã nhập {d.procedure.code} v{d.number} ({d.get_status_display()}). "
                f"/ Imported {d.procedure.code} v{d.number} ({d.status})."
            )
