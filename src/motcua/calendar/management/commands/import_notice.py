"""`motcua import_notice <file.json> [--replace]`: add next year's government notice from a file."""

from django.core.management.base import BaseCommand, CommandError

from motcua.calendar.services import NoticeFileError, notice_import_file


class Command(BaseCommand):
    help = "Nhập thông báo nghỉ lễ, Tết của năm từ tệp JSON. / Import a yearly holiday notice from JSON."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp JSON, cùng dạng với src/motcua/calendar/data/notices/*.json")
        parser.add_argument("--replace", action="store_true", help="ghi đè thông báo cùng số hiệu")

    def handle(self, *args, **options):
        try:
            notice = notice_import_file(options["file"], replace=options["replace"])
        except NoticeFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập thông báo {notice.number} (năm {notice.year}, {notice.days.count()} ngày)."
                f" / Imported notice {notice.number}."
            )
        )
