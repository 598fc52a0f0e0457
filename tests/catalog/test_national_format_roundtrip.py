"""Exporting a version to the national layout and reading it back gives an equal ProcedureSpec."""

import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.catalog.importing import catalog_export, catalog_import
from motcua.catalog.models import FeeKind, Level, OnlineKind, TimeUnit
from motcua.catalog.national_format import parse_record, spec_to_record
from motcua.catalog.selectors import version_to_spec
from motcua.catalog.services import procedure_publish
from motcua.catalog.spec import ComponentSpec, FeeSpec, LegalBasisSpec, ResultSpec, TimeSpec
from motcua.core.choices import Channel
from tests.factories.catalog import procedure_spec
from tests.factories.organizations import AgencyFactory

COMPETENT = ("000.00.91.H98", "000.00.93.H98")
RECEIVING = ("000.00.92.H98",)


def rich_spec(**overrides):
    values = {
        "name": "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "sector_code": "HDXD",
        "sector_name": "Hoạt động xây dựng",
        "level": Level.PROVINCE,
        "online_kind": OnlineKind.FULL,
        "description": "Mô tả thủ tục\ncó hai dòng",
        "steps": "Bước 1: Nộp hồ sơ\n\nBước 2: Thẩm định;  kiểm tra thực địa\nBước 3: Trả kết quả",
        "requirements": "Có quyền sử dụng đất hợp pháp",
        "applicant_types": ("Công dân Việt Nam", "Tổ chức; doanh nghiệp"),
        "competent_agencies": COMPETENT,
        "receiving_agencies": RECEIVING,
        "times": (
            TimeSpec(channel=Channel.ONLINE, value=Decimal("0.5"), unit=TimeUnit.WORKING_DAY),
            TimeSpec(
                channel=Channel.IN_PERSON, value=Decimal(4), unit=TimeUnit.WORKING_HOUR, description="x"
            ),
            TimeSpec(channel=Channel.POST, value=Decimal(30), unit=TimeUnit.DAY),
        ),
        "fees": (
            FeeSpec(
                channel=Channel.IN_PERSON, kind=FeeKind.CHARGE, amount=75_000, description="Lệ phí cấp phép"
            ),
            FeeSpec(channel=Channel.ONLINE, kind=FeeKind.CHARGE, amount=37_500, description="Giảm 50%"),
            FeeSpec(channel=None, kind=FeeKind.FEE, amount=1_200_000, description="Thẩm định"),
            FeeSpec(channel=Channel.IN_PERSON, kind=FeeKind.FEE, amount=0, description="Lệ phí miễn"),
            FeeSpec(channel=None, kind=FeeKind.FEE, amount=1_200_000, description="Thẩm định"),
        ),
        "components": (
            ComponentSpec(name="Đơn đề nghị", case="Xây mới", originals=1, template_name="Mẫu 01"),
            ComponentSpec(name="Bản vẽ", case="", copies=2, mandatory=False, note="nếu có"),
            ComponentSpec(name="Giấy tờ đất", case="Xây mới", originals=1, copies=1),
            ComponentSpec(name="Giấy tờ đất", case="Xây mới", originals=1, copies=1),
        ),
        "results": (ResultSpec(code="KQ1", name="Giấy phép xây dựng"), ResultSpec(name="Văn bản trả lời")),
        "legal_bases": (
            LegalBasisSpec(number="50/2014/QH13", title="Luật Xây dựng", issued_on=date(2014, 6, 18)),
            LegalBasisSpec(number="15/2021/NĐ-CP"),
        ),
        "eform": ({"name": "dien_tich", "type": "number", "required": True, "choices": [1, 2]},),
        "source_note": "Quyết định công bố số 123/QĐ-UBND (minh họa)",
    }
    values.update(overrides)
    return procedure_spec(**values)


def through_json(record: dict) -> dict:
    return json.loads(json.dumps(record, ensure_ascii=False))


@pytest.mark.parametrize(
    "spec",
    [
        pytest.param(procedure_spec(), id="factory-spec-with-a-fee-for-every-channel"),
        pytest.param(rich_spec(), id="every-field-interleaved-fees-repeated-cases"),
        pytest.param(rich_spec(times=()), id="fees-without-any-processing-time"),
        pytest.param(
            rich_spec(times=(), fees=(FeeSpec(amount=5000),)), id="common-fee-and-no-channel-at-all"
        ),
        pytest.param(
            procedure_spec(times=(), fees=(), components=(), results=(), online_kind=OnlineKind.NONE),
            id="bare-minimum",
        ),
    ],
)
def test_export_of_a_spec_reads_back_equal(spec):
    parsed = parse_record(through_json(spec_to_record(spec)))

    assert parsed.errors == []
    assert parsed.spec == spec


def test_export_uses_the_national_field_names_and_codes():
    record = spec_to_record(rich_spec(), agency_names={"000.00.91.H98": "Sở Xây dựng"})

    assert record["CAPTHUCHIEN"] == "Cấp Tỉnh"
    assert record["MUCDODVC"] == "TOANTRINH"
    assert [w["KENH"] for w in record["CACHTHUCTHUCHIEN"]] == ["2", "1", "3"]
    in_person = record["CACHTHUCTHUCHIEN"][1]["THOIGIAN"][0]
    assert in_person["THOIGIANGIAIQUYET"] == "4"
    assert in_person["DONVITINH"] == "Giờ làm việc"
    # the fee for every channel is repeated under each channel, flagged as such
    assert [(f["SOTIEN"], f["LOAIPHI"], f.get("MOIKENH", False)) for f in in_person["PHILEPHI"]] == [
        ("75000", "Lệ phí", False),
        ("1200000", "Phí", True),
        ("0", "Phí", False),
        ("1200000", "Phí", True),
    ]
    assert record["COQUANTHUCHIEN"][0] == {"MADONVI": "000.00.91.H98", "TENDONVI": "Sở Xây dựng"}
    assert record["CANCUPHAPLY"][0]["NGAYBANHANH"] == "18/06/2014"
    assert [g["TRUONGHOP"] for g in record["THANHPHANHOSO"]] == ["Xây mới", "", "Xây mới"]


_text = st.text(alphabet="abcđĐăâ ơư1;", min_size=1, max_size=12).map(str.strip).filter(bool)
_channels = st.sampled_from([None, Channel.IN_PERSON, Channel.ONLINE, Channel.POST])


@settings(max_examples=60, deadline=None)
@given(
    fees=st.lists(
        st.builds(
            FeeSpec,
            channel=_channels,
            kind=st.sampled_from(list(FeeKind)),
            amount=st.integers(0, 10_000_000_000),
            description=st.one_of(st.just(""), _text),
        ),
        max_size=6,
    ),
    times=st.lists(
        st.builds(
            TimeSpec,
            channel=st.sampled_from(list(Channel)),
            value=st.decimals(0, 1000, places=1, allow_nan=False, allow_infinity=False),
            unit=st.sampled_from(list(TimeUnit)),
            description=st.one_of(st.just(""), _text),
        ),
        max_size=3,
        unique_by=lambda t: t.channel,
    ),
    cases=st.lists(st.sampled_from(["", "A", "B"]), max_size=5),
)
def test_any_fees_times_and_component_cases_survive_the_round_trip(fees, times, cases):
    spec = procedure_spec(
        fees=tuple(fees),
        times=tuple(times),
        components=tuple(ComponentSpec(name=f"Giấy tờ {i}", case=c) for i, c in enumerate(cases)),
    )

    parsed = parse_record(through_json(spec_to_record(spec)))

    assert parsed.errors == []
    assert parsed.spec == spec


@pytest.mark.django_db
def test_a_published_version_exported_and_imported_again_changes_nothing():
    for identifier in (*COMPETENT, *RECEIVING):
        AgencyFactory(identifier=identifier)
    spec = rich_spec()
    version, _ = procedure_publish(spec)

    records = catalog_export([spec.code])
    report = catalog_import(through_json(records))

    assert version_to_spec(version) == spec
    assert parse_record(records[0]).spec == spec
    assert report.unchanged == [spec.code]
    assert report.created == []
    assert version.procedure.versions.count() == 1
