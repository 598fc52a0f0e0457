"""The payment journey in Chromium: a citizen files a birth registration late with two copies asked (a
fee-bearing procedure), the desk receives it and requests the fees (24.000 đ, national status 6); the
citizen sees what to pay and why, presses "Thanh toán trực tuyến", approves on the fake VNPay gateway
(loopback HTTP; its IPN reaches the live server), lands back on the dossier marked "đã thanh toán",
downloads the e-receipt (amount in words); the desk officer sees it paid in the back office."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from motcua.dossiers.models import Dossier
from motcua.dossiers.states import State
from tests.backoffice.conftest import pdf_text
from tests.browser.test_backoffice_journey import as_user
from tests.payments.gateway import gateway  # noqa: F401 (fixture)
from tests.portal.world import JPEG, PDF, act, make_portal_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_portal_world()


def _file(name: str, body: bytes, mime: str) -> dict:
    return {"name": name, "mimeType": mime, "buffer": body}


def test_citizen_pays_online_and_gets_the_receipt(browser, live_server, world, gateway, screenshot_dir):  # noqa: F811
    page = as_user(browser, live_server, world.citizen)

    # File a birth registration online: late (not within 60 days), two copies of the certificate.
    page.goto(f"/thu-tuc/{world.procedure.code}/")
    page.locator(".online-box").get_by_role("button", name="Nộp hồ sơ trực tuyến").click()
    page.wait_for_url("**/nop-ho-so/*/thong-tin/")
    page.get_by_label("Quan hệ với người được đăng ký").select_option("Mẹ")
    page.get_by_label("Họ, chữ đệm, tên của trẻ").fill("Trần Minh An")
    page.get_by_label("Nam", exact=True).check()
    page.get_by_label("Ngày, tháng, năm sinh").fill("2025-06-20")
    page.get_by_label("Nơi sinh (cơ sở y tế hoặc địa chỉ)").fill("Bệnh viện Phụ sản Hải Phòng")
    page.get_by_label("Họ, chữ đệm, tên người mẹ").fill("Nguyễn Thị Hoa")
    page.get_by_label("Số bản sao Giấy khai sinh đề nghị cấp").fill("2")
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.wait_for_url("**/giay-to/")
    page.locator("#component_1").set_input_files(_file("to-khai.pdf", PDF, "application/pdf"))
    page.locator("#component_2").set_input_files(_file("giay-chung-sinh.pdf", PDF, "application/pdf"))
    page.locator("#component_3").set_input_files(_file("cccd.jpg", JPEG, "image/jpeg"))
    page.get_by_role("button", name="Tải lên và tiếp tục").click()
    page.wait_for_url("**/nhan-ket-qua/")
    page.get_by_label("Nơi tiếp nhận hồ sơ", exact=True).select_option(label=world.centre.name)
    page.get_by_label("Nhận kết quả điện tử (tải về trên cổng)").check()
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.wait_for_url("**/xac-nhan/")
    page.get_by_label("Tôi xin cam đoan", exact=False).check()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/bien-nhan/")
    code = page.locator("#dossier-code").inner_text()

    # The desk receives it and requests the fees (the service door, as the back office does).
    dossier = act(Dossier.objects.get(code=code), "receive", world.desk)
    dossier = act(dossier, "request_payment", world.desk)
    assert dossier.national_status == 6

    # What to pay and why, then pay on the gateway.
    page.goto(f"/ho-so/{code}/")
    expect(page.locator("#owed")).to_have_text("Cần nộp 24.000 đồng.")
    fees = page.locator("#fees").inner_text()
    assert "Lệ phí đăng ký khai sinh" in fees and "2 × 8.000" in fees
    page.screenshot(path=str(screenshot_dir / "payment-requested.png"), full_page=True)
    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    page.wait_for_url(f"{gateway.url}/**")
    expect(page.locator("#amount")).to_have_text("24.000 VND")
    page.get_by_role("button", name="Xác nhận thanh toán").click()
    page.wait_for_url(f"**/ho-so/{code}/")

    expect(page.locator(".receipt-line")).to_be_visible()
    assert "đã thanh toán" in page.locator("#fees").inner_text()
    assert "Đã thanh toán. Biên lai điện tử đã sẵn sàng." in page.content()
    page.screenshot(path=str(screenshot_dir / "payment-paid.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải biên lai điện tử (PDF)").click()
    text = pdf_text(Path(download.value.path()).read_bytes())
    assert code in text and "Hai mươi tư nghìn đồng" in text and "24.000 đồng" in text

    paid = Dossier.objects.get(code=code)
    assert paid.state == State.RECEIVED and paid.events.filter(action="pay").count() == 1

    # The desk officer sees it paid.
    desk = as_user(browser, live_server, world.desk)
    desk.goto(f"/can-bo/ho-so/{code}/")
    payments = desk.locator("#payments").inner_text()
    assert "đã thanh toán" in payments and "BL-" in payments
    desk.screenshot(path=str(screenshot_dir / "payment-backoffice.png"), full_page=True)
