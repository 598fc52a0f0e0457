"""The reader accepts what real exports contain (numbers as strings, thousands separators, spelling
variants, single objects for lists) and refuses what would change the meaning."""

from decimal import Decimal

import pytest

from motcua.catalog.models import FeeKind, Level, OnlineKind, TimeUnit
from motcua.catalog.national_format import parse_record
from motcua.core.choices import Channel


def record(**overrides):
    data = {
        "MATTHC": "8.000301",
        "TENTTHC": "Thủ tục thử nghiệm",
        "CAPTHUCHIEN": "Cấp Xã",
        "LINHVUCTHUCHIEN": [{"MALINHVUC": "HT", "TENLINHVUC": "Hộ tịch"}],
    }
    data.update(overrides)
    return data


def with_fee(**fee):
    entry = {"SOTIEN": "0", "DONVI": "Đồng", "MOTA": ""} | fee
    time = {"THOIGIANGIAIQUYET": "1", "DONVITINH": "Ngày làm việc", "PHILEPHI": [entry]}
    return record(CACHTHUCTHUCHIEN=[{"KENH": "1", "THOIGIAN": [time]}])


def paths(parsed):
    return [e.path for e in parsed.errors]


@pytest.mark.parametrize(
    "raw", [8000, "8000", "8.000", "8,000", "8 000", 8000.0, " 8.000 ", "8.000 đ", "8000 VNĐ", "8.000đồng"]
)
def test_amounts_in_dong_are_read_from_the_usual_spellings(raw):
    parsed = parse_record(with_fee(SOTIEN=raw))

    assert parsed.errors == []
    assert parsed.spec.fees[0].amount == 8000


@pytest.mark.parametrize(
    "raw", ["-8000", -1, "tám nghìn", "8.5", 8000.5, True, "", None, "8.00", "1e3", [8000]]
)
def test_amounts_that_are_not_whole_non_negative_dong_are_refused(raw):
    parsed = parse_record(with_fee(SOTIEN=raw))

    assert parsed.spec is None
    assert paths(parsed) == ["CACHTHUCTHUCHIEN[0].THOIGIAN[0].PHILEPHI[0].SOTIEN"]


@pytest.mark.parametrize("currency", ["%", "USD"])
def test_an_amount_in_another_unit_is_refused(currency):
    parsed = parse_record(with_fee(SOTIEN="5", DONVI=currency))

    assert paths(parsed) == ["CACHTHUCTHUCHIEN[0].THOIGIAN[0].PHILEPHI[0].DONVI"]


@pytest.mark.parametrize(
    ("fee", "kind"),
    [
        ({"MOTA": "Lệ phí đăng ký kết hôn"}, FeeKind.CHARGE),
        ({"MOTA": "Phí thẩm định hồ sơ"}, FeeKind.FEE),
        ({"MOTA": "Thu phí khai thác thông tin"}, FeeKind.FEE),
        ({"MOTA": ""}, FeeKind.CHARGE),
        ({"MOTA": "Lệ phí ...", "LOAIPHI": "Phí"}, FeeKind.FEE),
        ({"MOTA": "Phí ...", "LOAIPHI": "lệ phí"}, FeeKind.CHARGE),
    ],
)
def test_a_fee_or_a_charge_is_told_from_loaiphi_then_from_the_description(fee, kind):
    assert parse_record(with_fee(**fee)).spec.fees[0].kind == kind


@pytest.mark.parametrize(
    ("raw", "level"),
    [
        ("Cấp Tỉnh", Level.PROVINCE),
        ("cấp tỉnh", Level.PROVINCE),
        ("CAP TINH", Level.PROVINCE),
        (["Cấp Xã"], Level.COMMUNE),
        ("Cấp xã, phường, đặc khu", Level.COMMUNE),
        (["Cấp Tỉnh", "cap tinh"], Level.PROVINCE),
    ],
)
def test_level_variants_are_folded(raw, level):
    assert parse_record(record(CAPTHUCHIEN=raw)).spec.level == level


@pytest.mark.parametrize("raw", ["Cấp Huyện", "Cấp Bộ", ["Cấp Tỉnh", "Cấp Xã"], "", None, 3])
def test_a_level_that_is_not_exactly_province_or_commune_is_refused(raw):
    assert paths(parse_record(record(CAPTHUCHIEN=raw))) == ["CAPTHUCHIEN"]


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        ("5", "Ngày làm việc", (Decimal(5), TimeUnit.WORKING_DAY)),
        (5, "ngay lam viec", (Decimal(5), TimeUnit.WORKING_DAY)),
        ("0,5", "Ngày làm việc", (Decimal("0.5"), TimeUnit.WORKING_DAY)),
        ("4", "Giờ làm việc", (Decimal(4), TimeUnit.WORKING_HOUR)),
        ("30", "Ngày", (Decimal(30), TimeUnit.DAY)),
    ],
)
def test_processing_times_accept_strings_and_unit_spellings(value, unit, expected):
    time = {"THOIGIANGIAIQUYET": value, "DONVITINH": unit}
    spec = parse_record(record(CACHTHUCTHUCHIEN=[{"KENH": 1, "THOIGIAN": time}])).spec

    assert (spec.times[0].value, spec.times[0].unit) == expected
    assert spec.times[0].channel == Channel.IN_PERSON


@pytest.mark.parametrize(
    ("time", "field"),
    [
        ({"THOIGIANGIAIQUYET": "5", "DONVITINH": "Tuần"}, "DONVITINH"),
        ({"THOIGIANGIAIQUYET": "5"}, "DONVITINH"),
        ({"THOIGIANGIAIQUYET": "-1", "DONVITINH": "Ngày"}, "THOIGIANGIAIQUYET"),
        ({"THOIGIANGIAIQUYET": "0.25", "DONVITINH": "Ngày"}, "THOIGIANGIAIQUYET"),
        ({"THOIGIANGIAIQUYET": "5000", "DONVITINH": "Ngày"}, "THOIGIANGIAIQUYET"),
        ({"THOIGIANGIAIQUYET": "NaN", "DONVITINH": "Ngày"}, "THOIGIANGIAIQUYET"),
        ({"DONVITINH": "Ngày", "MOTA": "tùy trường hợp"}, "THOIGIANGIAIQUYET"),
    ],
)
def test_processing_times_that_would_change_a_deadline_are_refused(time, field):
    parsed = parse_record(record(CACHTHUCTHUCHIEN=[{"KENH": "1", "THOIGIAN": [time]}]))

    assert paths(parsed) == [f"CACHTHUCTHUCHIEN[0].THOIGIAN[0].{field}"]


def test_two_times_for_one_channel_and_a_channel_listed_twice_are_refused():
    time = {"THOIGIANGIAIQUYET": "5", "DONVITINH": "Ngày làm việc"}
    parsed = parse_record(
        record(CACHTHUCTHUCHIEN=[{"KENH": "1", "THOIGIAN": [time, time]}, {"KENH": "1", "THOIGIAN": [time]}])
    )

    assert paths(parsed) == ["CACHTHUCTHUCHIEN[0].THOIGIAN", "CACHTHUCTHUCHIEN[1].KENH"]


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("TOANTRINH", OnlineKind.FULL),
        ("Một phần", OnlineKind.PARTIAL),
        ("", OnlineKind.NONE),
        (4, OnlineKind.FULL),
    ],
)
def test_online_kind_extension(raw, kind):
    assert parse_record(record(MUCDODVC=raw)).spec.online_kind == kind


def test_two_different_sectors_are_refused_but_one_sector_object_is_fine():
    one = parse_record(record(LINHVUCTHUCHIEN={"MALINHVUC": "HT", "TENLINHVUC": "Hộ tịch"}))
    two = parse_record(
        record(
            LINHVUCTHUCHIEN=[
                {"MALINHVUC": "HT", "TENLINHVUC": "Hộ tịch"},
                {"MALINHVUC": "CT", "TENLINHVUC": "x"},
            ]
        )
    )

    assert one.spec.sector_code == "HT"
    assert paths(two) == ["LINHVUCTHUCHIEN"]


def test_steps_as_case_lists_and_applicants_as_text():
    spec = parse_record(
        record(
            TRINHTUTHUCHIEN=[
                {
                    "TRUONGHOP": "Nộp trực tiếp",
                    "TRINHTU": [{"TENTRINHTU": "Bước 1"}, {"TENTRINHTU": "Bước 2"}],
                },
                {"TRUONGHOP": "Nộp trực tuyến", "TRINHTU": [{"TENTRINHTU": "Bước 1"}]},
            ],
            MOTADOITUONGTHUCHIEN="Công dân Việt Nam; Người nước ngoài\nTổ chức",
            YEUCAU=["Điều kiện 1", "Điều kiện 2"],
        )
    ).spec

    assert spec.steps == "Nộp trực tiếp\nBước 1\nBước 2\nNộp trực tuyến\nBước 1"
    assert spec.applicant_types == ("Công dân Việt Nam", "Người nước ngoài", "Tổ chức")
    assert spec.requirements == "Điều kiện 1\nĐiều kiện 2"


def test_agency_identifiers_are_required_and_shaped():
    parsed = parse_record(
        record(
            COQUANTHUCHIEN=[{"MADONVI": "000.00.91.H98"}, {"TENDONVI": "Sở Tư pháp"}, {"MADONVI": "STP"}],
            NOITIEPNHAN="Bộ phận một cửa",
        )
    )

    assert paths(parsed) == ["COQUANTHUCHIEN[1].MADONVI", "COQUANTHUCHIEN[2].MADONVI", "NOITIEPNHAN"]
    assert parsed.agency_refs == [("COQUANTHUCHIEN[0].MADONVI", "000.00.91.H98")]


@pytest.mark.parametrize("raw", ["2014-11-20", "20/11/2014", "20141120", "20141120000000"])
def test_issue_dates_in_the_usual_formats(raw):
    spec = parse_record(record(CANCUPHAPLY=[{"SOVANBAN": "60/2014/QH13", "NGAYBANHANH": raw}])).spec

    assert spec.legal_bases[0].issued_on.isoformat() == "2014-11-20"


def test_every_problem_of_one_record_is_reported_not_just_the_first():
    parsed = parse_record(
        {
            "MATTHC": 12,
            "TENTTHC": None,
            "CAPTHUCHIEN": "Cấp Huyện",
            "LINHVUCTHUCHIEN": [],
            "THANHPHANHOSO": [{"GIAYTO": [{"TENGIAYTO": ""}, {"TENGIAYTO": "x" * 501}, "tờ khai"]}],
            "KETQUATHUCHIEN": [{"MAKETQUA": "1"}],
            "CANCUPHAPLY": [{"TENVANBAN": "Luật"}],
        }
    )

    assert paths(parsed) == [
        "MATTHC",
        "TENTTHC",
        "CAPTHUCHIEN",
        "LINHVUCTHUCHIEN",
        "THANHPHANHOSO[0].GIAYTO[2]",
        "THANHPHANHOSO[0].GIAYTO[0].TENGIAYTO",
        "THANHPHANHOSO[0].GIAYTO[1].TENGIAYTO",
        "KETQUATHUCHIEN[0].TENKETQUA",
        "CANCUPHAPLY[0].SOVANBAN",
    ]
    assert all(e.message_vi and e.message_en for e in parsed.errors)
