import pytest
from playwright.sync_api import expect

from tests.factories.catalog import publish_procedure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue():
    publish_procedure(code="1.001193", name="Thủ tục đăng ký khai sinh", online_kind="full")
    publish_procedure(
        code="2.000884",
        name="Chứng thực chữ ký trong giấy tờ, văn bản",
        sector_code="CT",
        sector_name="Chứng thực",
    )


def test_citizen_finds_birth_registration_typed_without_accents(page, catalogue, screenshot_dir):
    page.goto("/")
    page.get_by_label("Tìm thủ tục (gõ có dấu hoặc không dấu)").fill("dang ky khai sinh")
    page.keyboard.press("Enter")
    page.wait_for_url("**/thu-tuc/?q=*")
    results = page.locator("ol.procedures li")
    assert results.count() == 1
    page.screenshot(path=str(screenshot_dir / "catalogue-search.png"), full_page=True)
    results.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thủ tục đăng ký khai sinh")
    assert "Dịch vụ công trực tuyến toàn trình" in page.content()


def test_catalogue_fits_a_360_pixel_phone(phone_page, catalogue, screenshot_dir):
    phone_page.goto("/thu-tuc/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    phone_page.screenshot(path=str(screenshot_dir / "catalogue-phone.png"), full_page=True)
