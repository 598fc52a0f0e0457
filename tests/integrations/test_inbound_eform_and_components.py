"""A forwarded record carries the e-form's data (`DuLieuBieuMau`) and maps each file to its dossier
component (`MaThanhPhanHoSo` or `TenThanhPhanHoSo`): a procedure with a required e-form and mandatory
components is created from the portal; its e-form and component problems are listed by field path,
with every other problem of the record, and nothing is created."""

from motcua.catalog.models import Component
from motcua.dossiers.models import Dossier, DossierFile
from tests.factories.national_records import new_dossier_record
from tests.integrations.inbound import integration_token, post_record, stored_files


def _names(world) -> dict[int, str]:
    return dict(
        Component.objects.filter(version__procedure=world.procedure, version__status="published").values_list(
            "position", "name"
        )
    )


def test_eform_and_components_by_position_or_name(client, world, fixed_clock, media_root):
    _, token = integration_token()
    names = _names(world)
    record = new_dossier_record(world, "G22.99-261129-0301")
    first, second = record["TaiLieuNop"][:2]
    by_name = int(second.pop("MaThanhPhanHoSo"))
    second["TenThanhPhanHoSo"] = names[by_name]

    response = post_record(client, token, record)

    assert response.status_code == 201, response.content
    d = Dossier.objects.get(code="G22.99-261129-0301")
    assert d.eform_data["ho_ten"] == "Lê Văn Cường"
    placed = sorted(
        DossierFile.objects.filter(component__dossier=d).values_list("component__position", "original_name")
    )
    assert placed == sorted(
        [(int(first["MaThanhPhanHoSo"]), first["TenTepDinhKem"]), (by_name, second["TenTepDinhKem"])]
    )


def test_eform_problems_listed_by_field_path(client, world, fixed_clock, media_root):
    _, token = integration_token()
    record = new_dossier_record(world, "G22.99-261129-0302", DuLieuBieuMau={"ho_ten": "", "la": "x"})

    response = post_record(client, token, record)

    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "eform_invalid"
    fields = {p["field"] for p in body["problems"]}
    assert {"DuLieuBieuMau.ho_ten", "DuLieuBieuMau.la"} <= fields
    assert all(p["message"] and p["message_en"] for p in body["problems"])
    assert not Dossier.objects.exists() and stored_files(media_root) == []


def test_every_problem_with_the_eform_and_components(client, world, fixed_clock, media_root):
    """A bad e-mail, an empty required e-form field and a mandatory component without an entry: one
    answer lists the three."""
    _, token = integration_token()
    record = new_dossier_record(world, "G22.99-261129-0303", Email="khong-phai-email", DuLieuBieuMau={})
    missing = record["TaiLieuNop"].pop()

    response = post_record(client, token, record)

    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid_record"
    problems = {(p["field"], p["code"]) for p in body["problems"]}
    assert ("Email", "invalid_email") in problems
    assert ("DuLieuBieuMau.ho_ten", "eform_invalid") in problems
    assert ("TaiLieuNop", "components_missing") in problems
    component = next(p for p in body["problems"] if p["code"] == "components_missing")
    assert f"số {missing['MaThanhPhanHoSo']}" in component["message"]
    assert f"component {missing['MaThanhPhanHoSo']}" in component["message_en"]
    assert not Dossier.objects.exists() and stored_files(media_root) == []


def test_missing_component_alone_is_the_lifecycle_verdict_by_path(client, world, fixed_clock, media_root):
    _, token = integration_token()
    record = new_dossier_record(world, "G22.99-261129-0304")
    record["TaiLieuNop"] = record["TaiLieuNop"][:1]

    response = post_record(client, token, record)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "components_missing"
    assert body["problems"] and all(p["field"] == "TaiLieuNop" for p in body["problems"])
    assert not Dossier.objects.exists() and stored_files(media_root) == []
