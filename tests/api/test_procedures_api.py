import pytest

from motcua.catalog.spec import LegalBasisSpec
from tests.factories.catalog import publish_procedure
from tests.factories.organizations import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def birth():
    agency = AgencyFactory(name="UBND phường Hồng Bàng")
    return publish_procedure(
        code="1.001193",
        name="Thủ tục đăng ký khai sinh",
        competent_agencies=(agency.identifier,),
        legal_bases=(LegalBasisSpec(number="60/2014/QH13", title="Luật Hộ tịch"),),
    )


def test_list_searches_with_folded_terms(client, birth):
    publish_procedure(name="Cấp phiếu lý lịch tư pháp")
    response = client.get("/api/v1/procedures", {"q": "dang ky khai sinh"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"][0]["code"] == "1.001193"
    assert body["items"][0]["sector_name"] == "Hộ tịch"


def test_detail_has_times_fees_components_and_legal_basis(client, birth):
    body = client.get("/api/v1/procedures/1.001193").json()
    assert body["name"] == "Thủ tục đăng ký khai sinh"
    assert body["version"] == 1
    assert {t["channel"] for t in body["processing_times"]} == {"in_person", "online"}
    assert body["processing_times"][0]["working_hours"] == 24.0
    assert body["fees"][0]["amount"] == 8000
    assert body["components"][0]["name"] == "Tờ khai"
    assert body["legal_bases"][0]["number"] == "60/2014/QH13"
    assert body["competent_agencies"][0]["name"] == "UBND phường Hồng Bàng"


def test_unknown_code_is_a_bilingual_problem_document(client):
    response = client.get("/api/v1/procedures/9.999999")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert "Không tìm thấy" in body["detail"] and "No procedure" in body["detail_en"]


def test_bad_pagination_is_a_4xx_not_a_500(client):
    response = client.get("/api/v1/procedures", {"limit": "abc"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"


def test_openapi_and_offline_docs_are_served(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/procedures" in spec["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower()
