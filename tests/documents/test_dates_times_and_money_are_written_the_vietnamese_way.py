import datetime as dt

from motcua.documents.formatting import (
    date_line,
    money,
    thousands,
    vn_date,
    vn_datetime,
    vn_short_datetime,
)


def test_utc_is_shown_in_ho_chi_minh_time():
    # 01:30 UTC is 08:30 in Hà Nội (UTC+7).
    assert (
        vn_datetime(dt.datetime(2026, 1, 5, 1, 30, tzinfo=dt.UTC))
        == "08 giờ 30 phút, ngày 05 tháng 01 năm 2026"
    )


def test_local_midnight_crossing_moves_the_date():
    # 20:00 UTC on 4 Jan is 03:00 on 5 Jan in Vietnam.
    assert vn_date(dt.datetime(2026, 1, 4, 20, 0, tzinfo=dt.UTC)) == "ngày 05 tháng 01 năm 2026"
    assert vn_short_datetime(dt.datetime(2026, 1, 4, 20, 0, tzinfo=dt.UTC)) == "03:00 05/01/2026"


def test_leading_zero_for_days_below_ten_and_for_january_and_february_only():
    assert vn_date(dt.date(2025, 9, 15)) == "ngày 15 tháng 9 năm 2025"
    assert vn_date(dt.date(2025, 2, 3)) == "ngày 03 tháng 02 năm 2025"
    assert vn_date(dt.date(2025, 12, 31)) == "ngày 31 tháng 12 năm 2025"


def test_missing_dates_leave_dots_to_fill_by_hand():
    assert vn_date(None).startswith("ngày ....")
    assert "giờ" in vn_datetime(None) and "tháng" in vn_datetime(None)
    assert date_line("", None).startswith("..........,")


def test_place_and_date_line():
    assert date_line("Hải Phòng", dt.date(2026, 1, 5)) == "Hải Phòng, ngày 05 tháng 01 năm 2026"


def test_money_in_dong_with_dots_between_thousands():
    assert money(1_575_000) == "1.575.000 đồng"
    assert money(0) == "0 đồng"
    assert money(500) == "500 đồng"
    assert thousands(1_234_567_890) == "1.234.567.890"
    assert money(None) == ""
