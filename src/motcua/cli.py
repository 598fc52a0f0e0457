"""The `motcua` console script: our own subcommands, then everything Django's manage.py offers.

`motcua due-date 2025-04-25T16:00+07:00 3d [--agency 000.00.14.H56]` prints the due date
(`motcua due-date <start> 15 --unit calendar_day`, `motcua due-date <start> "" --unit same_day
--cutoff 15:00`: every unit of the calendar engine);
any other subcommand (`motcua migrate`, `motcua import_notice file.json`, …) goes to manage.py.
"""

from __future__ import annotations

import argparse
import os
import re
import sys

OUR_COMMANDS = {"due-date"}


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()


def due_date(args: argparse.Namespace) -> int:
    _setup_django()
    from motcua.calendar import selectors
    from motcua.calendar.worktime import WorkTimeError, parse_duration, parse_instant, parse_term

    try:
        if args.unit or args.cutoff:
            asked = parse_term(args.duration, args.unit, args.cutoff)
        else:
            asked = parse_duration(args.duration)
        answer = selectors.due_date(
            parse_instant(args.start), asked, selectors.agency_by_identifier(args.agency)
        )
    except WorkTimeError as exc:
        print(f"lỗi / error [{exc.code}]: {exc.message_vi} / {exc.message_en}", file=sys.stderr)
        return 2
    print(answer.due.isoformat())
    if args.verbose:
        print(f"bắt đầu tính / counted from: {answer.effective_start.isoformat()}")
        print(f"giờ làm việc / working hours: {answer.working_hours.normalize():f}")
        for day in answer.provisional_days:
            print(f"tạm tính / provisional: {day.day.isoformat()} {day.name}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="motcua",
        description="Một Cửa. Lệnh riêng: due-date; các lệnh khác chuyển cho manage.py của Django.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    due = sub.add_parser("due-date", help="tính ngày hẹn trả / compute a due date")
    due.add_argument("start", help="thời điểm tiếp nhận, ISO 8601 có múi giờ, ví dụ 2025-04-25T16:00+07:00")
    due.add_argument(
        "duration",
        nargs="?",
        default="",
        help="thời hạn: 3d, 0.5d, 4h (0d = trả trong ngày, quy tắc 15 giờ), hoặc một số kèm --unit",
    )
    due.add_argument(
        "--unit",
        choices=("working_day", "half_day", "working_hour", "calendar_day", "same_day", "month"),
        help="đơn vị: working_day, half_day, working_hour, calendar_day, same_day, month",
    )
    due.add_argument(
        "--cutoff", help="giờ chốt của thủ tục trả trong ngày, ví dụ 15:00 (với --unit same_day)"
    )
    due.add_argument("--agency", help="mã định danh cơ quan (mặc định: giờ làm việc chung của tỉnh)")
    due.add_argument("-v", "--verbose", action="store_true", help="in thêm chi tiết")
    due.set_defaults(func=due_date)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] in (["-h"], ["--help"]):
        build_parser().print_help()
        print("\nCác lệnh khác / other commands: motcua help (Django manage.py).")
        return 0
    if not argv or argv[0] not in OUR_COMMANDS:
        from motcua import manage

        sys.argv = ["motcua", *argv]
        manage.main()
        return 0
    # argparse would take "-1d" for an option; a leading space keeps it an argument, so the
    # engine answers with its own "negative duration" message.
    argv = [" " + a if re.match(r"^-\d", a) else a for a in argv]
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
