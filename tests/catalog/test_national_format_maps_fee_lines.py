"""PHILEPHI becomes fee lines: a note "… đ/bản" makes a per-copy line; our extension keys (TENPHI,
CACHTINH, TRUONGSOLUONG, MIENGIAM) carry name, basis and exemptions, and survive an export + import."""

from motcua.catalog.models import FeeBasis, FeeKind
from motcua.catalog.national_format import parse_record, spec_to_record
from motcua.catalog.spec import ExemptionSpec, FeeSpec
from motcua.core.choices import Channel
from tests.catalog.test_national_format_tolerance import with_fee
from tests.factories.catalog import procedure_spec


def test_a_per_copy_note_makes_a_per_copy_line():
    parsed = parse_record(with_fee(SOTIEN="8.000", MOTA="Cấp bản sao trích lục: 8.000 đ/bản"))
    assert parsed.errors == []
    fee = parsed.spec.fees[0]
    assert (fee.amount, fee.basis, fee.quantity_field) == (8000, FeeBasis.PER_UNIT, "so_ban_sao")


def test_a_plain_note_is_once_per_dossier():
    parsed = parse_record(with_fee(SOTIEN="400000", MOTA="Lệ phí 400.000 đ; miễn cho …"))
    assert parsed.spec.fees[0].basis == FeeBasis.FIXED


def test_extension_keys_are_read():
    parsed = parse_record(
        with_fee(
            SOTIEN="8000",
            TENPHI="Lệ phí đăng ký khai sinh",
            CACHTINH="MOIHOSO",
            MIENGIAM=[{"MA": "dung_han", "TEN": "Đăng ký đúng hạn", "TRUONG": "dang_ky_dung_han"}],
        )
    )
    assert parsed.errors == []
    fee = parsed.spec.fees[0]
    assert fee.name == "Lệ phí đăng ký khai sinh"
    assert fee.exemptions == (
        ExemptionSpec(code="dung_han", label="Đăng ký đúng hạn", field="dang_ky_dung_han"),
    )


def test_a_wrong_basis_is_reported_at_its_path():
    parsed = parse_record(with_fee(SOTIEN="8000", CACHTINH="THEOTHANG"))
    assert any(e.path.endswith("CACHTINH") for e in parsed.errors)


def test_fee_lines_round_trip():
    spec = procedure_spec(
        fees=(
            FeeSpec(
                channel=Channel.ONLINE,
                kind=FeeKind.CHARGE,
                name="Lệ phí",
                amount=8000,
                description="Ghi chú: 8.000 đ/bản nhưng thu một lần",
                exemptions=(ExemptionSpec(code="ho_ngheo", label="Hộ nghèo"),),
            ),
            FeeSpec(
                kind=FeeKind.FEE,
                name="Phí bản sao",
                amount=3000,
                basis=FeeBasis.PER_UNIT,
                quantity_field="so_ban",
            ),
        )
    )
    parsed = parse_record(spec_to_record(spec))
    assert parsed.errors == []
    assert parsed.spec.fees == spec.fees
