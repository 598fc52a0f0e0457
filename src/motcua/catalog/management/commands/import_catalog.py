"""`python -m motcua.manage import_catalog FILE.json`: import procedures in the national layout.

All or nothing: with any bad record, every problem is printed (one line each), nothing is written and the
exit code is 1. Never a traceback for a bad file.
"""

import json
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from motcua.catalog.importing import CatalogImportError, catalog_import, catalog_validate


class Command(BaseCommand):
    help = (
        "Nhập thủ tục hành chính từ tệp JSON theo định dạng danh mục quốc gia (LayThuTuc). "
        "/ Import procedures from a JSON file in the national catalogue layout."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp JSON, hoặc - để đọc từ stdin. / JSON file, or - for stdin.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Chỉ kiểm tra, không ghi. / Only validate, write nothing.",
        )
        parser.add_argument(
            "--user",
            help="Tên đăng nhập ghi nhận là người công bố. / Username recorded as the publisher.",
        )
        parser.add_argument(
            "--note",
            help="Nội dung thay đổi ghi vào phiên bản mới. / Change note for new versions.",
        )

    def handle(self, *args, file: str, check: bool, user: str | None, note: str | None, **options):
        payload = self._read(file)
        publisher = None
        if user:
            publisher = get_user_model().objects.filter(username=user).first()
            if publisher is None:
                raise CommandError(f"Không có tài khoản {user!r}. / No user {user!r}.", returncode=1)
        try:
            if check:
                specs = catalog_validate(payload)
                self.stdout.write(
                    f"Tệp hợp lệ: {len(specs)} thủ tục, chưa ghi gì. "
                    f"/ The file is valid: {len(specs)} procedures, nothing written."
                )
                return
            kwargs = {"user": publisher}
            if note:
                kwargs["change_note"] = note
            report = catalog_import(payload, **kwargs)
        except CatalogImportError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(str(exc), returncode=1) from None
        self.stdout.write(self.style.SUCCESS(report.summary()))
        if report.created:
            self.stdout.write(f"Phiên bản mới / New versions: {', '.join(report.created)}")

    def _read(self, file: str):
        try:
            if file == "-":
                text = sys.stdin.read()
            else:
                with open(file, encoding="utf-8-sig") as fh:
                    text = fh.read()
        except FileNotFoundError:
            raise CommandError(
                f"Không tìm thấy tệp {file}. / File not found: {file}.", returncode=1
            ) from None
        except IsADirectoryError:
            raise CommandError(
                f"{file} là thư mục, không phải tệp. / {file} is a directory, not a file.", returncode=1
            ) from None
        except PermissionError:
            raise CommandError(
                f"Không có quyền đọc tệp {file}. / No permission to read {file}.", returncode=1
            ) from None
        except UnicodeDecodeError as exc:
            raise CommandError(
                f"Tệp {file} không phải văn bản UTF-8 (byte {exc.start}). "
                f"/ {file} is not UTF-8 text (byte {exc.start}).",
                returncode=1,
            ) from None
        except OSError as exc:
            raise CommandError(
                f"Không đọc được tệp {file}: {exc.strerror}. / Cannot read {file}: {exc.strerror}.",
                returncode=1,
            ) from None
        try:
            return json.loads(text)
        except RecursionError:
            raise CommandError(
                f"Tệp {file} lồng nhau quá sâu. / {file} is nested too deeply.", returncode=1
            ) from None
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"Tệp {file} không phải JSON hợp lệ: dòng {exc.lineno}, cột {exc.colno}. "
                f"/ {file} is not valid JSON: line {exc.lineno}, column {exc.colno} ({exc.msg}).",
                returncode=1,
            ) from None
