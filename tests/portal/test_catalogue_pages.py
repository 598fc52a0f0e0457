import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.catalog import publish_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def procedures():
    birth = publish_procedure(code="1.001193", name="Thủ tục đăng ký khai sinh", online_kind="full")
    publish_procedure(
        code="2.000884",
        name="Chứng thực chữ ký trong giấy tờ, văn bản",
        sector_code="CT",
        sector_name="Chứng thực",
    )
    return birth


def test_home_page_is_vietnamese_and_counts_procedures(client, procedures):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Dịch vụ công trực tuyến" in html
    assert "2 thủ tục hành chính" in html


def test_catalogue_search_without_accents(client, procedures):
    html = client.get("/thu-tuc/", {"q": "dang ky khai sinh"}).content.decode()
    assert "Thủ tục đăng ký khai sinh" in html
    assert "Chứng thực chữ ký" not in html


def test_catalogue_filters_by_online_kind(client, procedures):
    html = client.get("/thu-tuc/", {"online_kind": "full"}).content.decode()
    assert "Thủ tục đăng ký khai sinh" in html
    assert "Chứng thực chữ ký" not in html


def test_unknown_filter_values_are_ignored_not_errors(client, procedures):
    response = client.get("/thu-tuc/", {"online_kind": "xyz", "level": "<script>", "page": "999"})
    assert response.status_code == 200


def test_procedure_page_shows_components_and_fees(client, procedures):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/thu-tuc/1.001193/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tờ khai" in html and "8000 đồng" in html
    assert "Dịch vụ công trực tuyến toàn trình" in html
    assert len(queries) <= 15


def test_unknown_procedure_is_404(client):
    assert client.get("/thu-tuc/9.999999/").status_code == 404


def test_english_is_available(client, procedures):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html


def test_component_template_is_downloadable(client, procedures, settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    component = procedures.current_version.components.get()
    component.template_name = "Tờ khai đăng ký khai sinh"
    component.template.save("to-khai-khai-sinh.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    html = client.get("/thu-tuc/1.001193/").content.decode()
    url = f"/thu-tuc/1.001193/mau/{component.pk}/"
    assert url in html
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert client.get(f"/thu-tuc/2.000884/mau/{component.pk}/").status_code == 404
