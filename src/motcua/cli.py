"""The `motcua` console script: our own subcommands, then everything Django's manage.py offers.

`motcua due-date 2025-04-25T16:00+07:00 3d [--agency 000.00.14.H56]` prints the due date
(`motcua due-date <start> 15 --unit calendar_day`, `motcua due-date <start> "" --unit same_day
--cutoff 15:00`: every unit of the calendar engine);
`motcua index-766 --from 2026-01-01 --to 2026-03-31 [--agency 000.00.14.H56] [--json]` prints the
Decision 766 index (reports app);
any other subcommand (`motcua migrate`, `motcua import_notice file.json`, …) goes to manage.py.
"""

from __future__ import annotations

import argparse
import os
import re
import sys

OUR_COMMANDS = {"due-date", "index-766"}


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


def index_766(args: argparse.Namespace) -> int:
    _setup_django()
    import json

    from motcua.reports import index766
    from motcua.reports.selectors import Period, ReportError, scope_for_agency_identifier

    try:
        period = Period.parse(args.start, args.end)
        scope = scope_for_agency_identifier(args.agency)
    except ReportError as exc:
        print(f"lỗi / error [{exc.code}]: {exc.message_vi} / {exc.message_en}", file=sys.stderr)
        return 2
    doc = index766.compute(period, scope)
    if args.json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    print(f"Bộ chỉ số 766 / Decision 766 index — {doc['scope']}, {period.label()}")
    print(
        f"Tổng điểm / total: {doc['total']:g} / {doc['max']} (tính được / computable: {doc['max_known']:g})"
    )
    for row in doc["indicators"]:
        if row["no_data"]:
            value = "không có dữ liệu / no data"
        else:
            rate = "—" if row["rate"] is None else f"{row['rate'] * 100:.1f}%"
            points = "—" if row["points"] is None else f"{row['points']:g}"
            value = f"{row['numerator']}/{row['denominator']} = {rate} → {points}/{row['max_points']:g}"
        print(f"  {row['code']:<36} {value}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="motcua",
        description="Một Cửa. Lệnh riêng: due-date, index-766; lệnh khác chuyển cho manage.py của Django.",
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
    idx = sub.add_parser("index-766", help="Bộ chỉ số 766 / the Decision 766 index")
    idx.add_argument("--from", dest="start", required=True, help="ngày đầu kỳ, YYYY-MM-DD")
    idx.add_argument("--to", dest="end", required=True, help="ngày cuối kỳ, YYYY-MM-DD")
    idx.add_argument("--agency", help="mã định danh cơ quan (mặc định: toàn tỉnh)")
    idx.add_argument("--json", action="store_true", help="in JSON như API / print the API's JSON")
    idx.set_defaults(func=index_766)
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
