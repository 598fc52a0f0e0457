"""Importing a malformed catalogue file reports each bad record and changes nothing."""

import json
from pathlib import Path

import pytest

from motcua.catalog.importing import CatalogImportError, catalog_import
from motcua.catalog.models import Component, Fee, Procedure, ProcedureVersion, Sector
from tests.factories.catalog import publish_procedure
from tests.factories.organizations import AgencyFactory

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


def db_state():
    return {
        model.__name__: list(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in (Procedure, ProcedureVersion, Sector, Fee, Component)
    } | {"current": list(Procedure.objects.order_by("pk").values_list("current_version_id", flat=True))}


def import_errors(payload):
    with pytest.raises(CatalogImportError) as caught:
        catalog_import(payload)
    return caught.value.errors


def test_every_bad_record_is_reported_with_its_fields_and_nothing_is_written():
    AgencyFactory(identifier="000.00.91.H98")
    publish_procedure(code="8.000201", name="Đã có từ trước, không được sửa")
    before = db_state()

    errors = import_errors(json.loads((DATA / "catalogue_malformed.json").read_text(encoding="utf-8")))

    assert db_state() == before
    assert Procedure.objects.get(code="8.000201").name == "Đã có từ trước, không được sửa"
    reported = {(e.index, e.path) for e in errors}
    assert reported == {
        (1, "MATTHC"),
        (1, "TENTTHC"),
        (2, "MATTHC"),
        (2, "CACHTHUCTHUCHIEN[0].THOIGIAN[0].PHILEPHI[0].SOTIEN"),
        (3, "CACHTHUCTHUCHIEN[0].THOIGIAN[0].DONVITINH"),
        (3, "COQUANTHUCHIEN[0].MADONVI"),
        (4, "CACHTHUCTHUCHIEN[0].THOIGIAN[0].PHILEPHI[0].SOTIEN"),
        (4, "MATTHC"),
        (5, ""),
        (6, "CAPTHUCHIEN"),
        (6, "CACHTHUCTHUCHIEN[0].KENH"),
        (6, "CACHTHUCTHUCHIEN[0].THOIGIAN[0].THOIGIANGIAIQUYET"),
        (7, "THANHPHANHOSO[0].GIAYTO[0].SOBANCHINH"),
        (7, "CANCUPHAPLY[0].NGAYBANHANH"),
        (7, "COQUANTHUCHIEN[0].MADONVI"),
    }
    assert [e.index for e in errors] == sorted(e.index for e in errors)
    by_place = {(e.index, e.path): e for e in errors}
    assert by_place[(4, "MATTHC")].message_vi == "mã thủ tục trùng với bản ghi [0]"
    assert (
        by_place[(3, "COQUANTHUCHIEN[0].MADONVI")].message_en == "no agency has the identifier 000.00.99.H99"
    )
    assert by_place[(3, "COQUANTHUCHIEN[0].MADONVI")].code == "8.000203"
    assert all(e.message_vi and e.message_en and e.message_vi != e.message_en for e in errors)


def test_one_bad_record_among_good_ones_stops_the_whole_file():
    AgencyFactory(identifier="000.00.91.H98")
    AgencyFactory(identifier="000.00.92.H98")
    payload = json.loads((DATA / "catalogue_valid.json").read_text(encoding="utf-8"))
    payload["data"][1]["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["PHILEPHI"][0]["SOTIEN"] = "-75.000"
    before = db_state()

    errors = import_errors(payload)

    assert [(e.index, e.code, e.path) for e in errors] == [
        (1, "8.000102", "CACHTHUCTHUCHIEN[0].THOIGIAN[0].PHILEPHI[0].SOTIEN")
    ]
    assert db_state() == before
    assert str(errors[0]).startswith(
        "Bản ghi [1] (8.000102) CACHTHUCTHUCHIEN[0].THOIGIAN[0].PHILEPHI[0].SOTIEN: "
    )


@pytest.mark.parametrize(
    "payload",
    [[], {"data": []}, {"error_code": "1", "message": "Phiên đăng nhập hết hạn"}, "văn bản", 42, None],
    ids=["empty-list", "empty-data", "portal-error-body", "string", "number", "null"],
)
def test_a_file_without_a_list_of_procedures_is_one_clear_error(payload):
    errors = import_errors(payload)

    assert len(errors) == 1
    assert errors[0].index is None
    assert str(errors[0]).startswith("Tệp: ")


def test_the_error_names_how_many_records_are_bad():
    with pytest.raises(CatalogImportError) as caught:
        catalog_import([{"MATTHC": "x"}, {"MATTHC": "8.000001", "TENTTHC": "Tên đủ dài"}])

    assert "trong 2 bản ghi; không nhập gì" in str(caught.value)
    assert "in 2 records; nothing imported" in str(caught.value)


def test_one_sector_code_with_two_names_in_a_file_is_refused():
    AgencyFactory(identifier="000.00.91.H98")
    AgencyFactory(identifier="000.00.92.H98")
    payload = json.loads((DATA / "catalogue_valid.json").read_text(encoding="utf-8"))
    payload["data"][1]["LINHVUCTHUCHIEN"] = {"MALINHVUC": "HT", "TENLINHVUC": "Hộ tịch, chứng thực"}

    errors = import_errors(payload)

    assert [(e.index, e.path) for e in errors] == [(1, "LINHVUCTHUCHIEN[0].TENLINHVUC")]
    assert errors[0].message_vi == "lĩnh vực HT đã mang tên 'Hộ tịch' ở bản ghi [0]"
    assert Sector.objects.count() == 0
