"""The citizen's whole journey in Chromium, on a desktop and on a 360×740 phone: find a procedure typed
without accents → submit online with uploads (a bad file is rejected, the draft stays intact) → see the
dossier; the officers (through the lifecycle service, as the back office does) request a supplement →
the citizen answers it → they finish and return the e-result → the citizen downloads it and rates;
then anyone looks the dossier up by code + ID number."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from motcua.dossiers.models import Dossier
from motcua.portal.models import Rating
from tests.portal.world import JPEG, PDF, act, finish_and_return, make_portal_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CITIZEN_ID = "031199001234"
PASSWORD = "Hoa-sen-no-2026"


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_portal_world()


def _file(name: str, body: bytes, mime: str) -> dict:
    return {"name": name, "mimeType": mime, "buffer": body}


def _register(page, phone: str):
    page.goto("/tai-khoan/dang-ky/cong-dan/")
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("Số định danh cá nhân (CCCD)").fill(CITIZEN_ID)
    page.get_by_label("Ngày sinh").fill("1990-05-17")
    page.get_by_label("Số điện thoại").fill(phone)
    page.get_by_label("Địa chỉ").fill("12 Lê Lợi, xã Vĩnh Bảo, Hải Phòng")
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_url("**/tai-khoan/dang-ky/da-nhan/")
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill(phone)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_label("Mật khẩu").press("Enter")
    page.wait_for_url("**/ho-so/")  # applicants land on their dossiers


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def journey(page, world, shots: Path, prefix: str, *, phone: bool):
    _register(page, "0987654321")

    # Find the procedure typed without accents and start the online submission.
    page.goto("/")
    page.get_by_label("Tìm thủ tục (gõ có dấu hoặc không dấu)").fill("dang ky khai sinh")
    page.keyboard.press("Enter")
    page.wait_for_url("**/thu-tuc/?q=*")
    page.locator("ol.procedures li").first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thủ tục đăng ký khai sinh")
    page.locator(".online-box").get_by_role("button", name="Nộp hồ sơ trực tuyến").click()
    page.wait_for_url("**/nop-ho-so/*/thong-tin/")
    if phone:
        _fits(page)

    # 1. The e-form (the applicant part is pre-filled from the profile).
    assert page.get_by_label("Họ, chữ đệm, tên người yêu cầu").input_value() == "Nguyễn Thị Hoa"
    page.get_by_label("Quan hệ với người được đăng ký").select_option("Mẹ")
    page.get_by_label("Họ, chữ đệm, tên của trẻ").fill("Trần Minh An")
    page.get_by_label("Nam", exact=True).check()
    page.get_by_label("Ngày, tháng, năm sinh").fill("2026-02-20")
    page.get_by_label("Nơi sinh (cơ sở y tế hoặc địa chỉ)").fill("Bệnh viện Phụ sản Hải Phòng")
    page.get_by_label("Họ, chữ đệm, tên người mẹ").fill("Nguyễn Thị Hoa")
    page.get_by_label("Số định danh cá nhân của người mẹ").fill("0311")  # a typo first
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    assert "12 chữ số" in page.locator(".error-summary").inner_text()
    assert page.get_by_label("Họ, chữ đệm, tên của trẻ").input_value() == "Trần Minh An"
    page.get_by_label("Số định danh cá nhân của người mẹ").fill(CITIZEN_ID)
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.wait_for_url("**/giay-to/")

    # 2. Documents: a fake PDF is rejected with a message; the other files and the e-form stay.
    page.locator("#component_1").set_input_files(_file("to-khai.pdf", PDF, "application/pdf"))
    page.locator("#component_2").set_input_files(
        _file("giay-chung-sinh.pdf", b"MZ not a pdf", "application/pdf")
    )
    page.locator("#component_3").set_input_files(_file("cccd.jpg", JPEG, "image/jpeg"))
    page.get_by_role("button", name="Tải lên và tiếp tục").click()
    alert = page.get_by_role("alert")
    assert (
        "giay-chung-sinh.pdf" in alert.inner_text() and "không phải PDF, JPEG hoặc PNG" in alert.inner_text()
    )
    page.screenshot(path=str(shots / f"{prefix}upload-rejected.png"), full_page=True)
    assert page.get_by_role("link", name="to-khai.pdf").is_visible()
    assert page.get_by_role("link", name="cccd.jpg").is_visible()
    page.get_by_role("link", name="1. Thông tin tờ khai").click()
    assert page.get_by_label("Họ, chữ đệm, tên của trẻ").input_value() == "Trần Minh An"
    page.get_by_role("link", name="2. Giấy tờ kèm theo").click()
    page.locator("#component_2").set_input_files(_file("giay-chung-sinh.pdf", PDF, "application/pdf"))
    page.get_by_role("button", name="Tải lên và tiếp tục").click()
    page.wait_for_url("**/nhan-ket-qua/")

    # 3. Where to hand in, how to get the result.
    page.get_by_label("Nơi tiếp nhận hồ sơ", exact=True).select_option(label=world.centre.name)
    page.get_by_label("Nhận kết quả điện tử (tải về trên cổng)").check()
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.wait_for_url("**/xac-nhan/")

    # 4. Summary, pre-check, declaration, send.
    assert "hồ sơ có đủ thông tin và giấy tờ bắt buộc" in page.locator("#precheck").inner_text()
    page.screenshot(path=str(shots / f"{prefix}submit-summary.png"), full_page=True)
    page.get_by_label("Tôi xin cam đoan", exact=False).check()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/bien-nhan/")
    code = page.locator("#dossier-code").inner_text()
    assert page.locator("#due").inner_text() != "—"
    assert page.get_by_role("img", name=f"Mã QR tra cứu hồ sơ {code}").is_visible()
    page.screenshot(path=str(shots / f"{prefix}receipt.png"), full_page=True)
    if phone:
        _fits(page)

    # See the dossier in "Hồ sơ của tôi".
    page.goto("/ho-so/")
    assert code in page.locator(".dossiers").inner_text()
    assert "Đã nộp, đang chờ cán bộ tiếp nhận" in page.content()

    # The desk receives it and asks for a supplement (service door, as the back office does).
    dossier = Dossier.objects.get(code=code)
    dossier = act(dossier, "receive", world.desk)
    act(dossier, "request_supplement", world.desk, reason="Giấy chứng sinh bị mờ, chụp lại rõ nét")

    # The citizen answers it.
    page.get_by_role("link", name=code).click()
    assert page.locator("#status").inner_text() == "Cần bổ sung giấy tờ"
    assert "Giấy chứng sinh bị mờ" in page.content()
    page.screenshot(path=str(shots / f"{prefix}supplement.png"), full_page=True)
    page.locator("#sup_2").set_input_files(
        _file("giay-chung-sinh-ro.png", b"\x89PNG\r\n\x1a\n" + b"0" * 40, "image/png")
    )
    page.get_by_role("button", name="Gửi giấy tờ bổ sung").click()
    page.get_by_text("Đã gửi giấy tờ bổ sung").wait_for()
    assert Dossier.objects.get(code=code).state == "received"

    # The officers finish and the desk returns the e-result.
    finish_and_return(world, Dossier.objects.get(code=code), ContentFile(PDF, name="giay-khai-sinh.pdf"))
    page.reload()
    assert page.locator("#status").inner_text() == "Đã trả kết quả"
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải kết quả điện tử").click()
    assert Path(download_info.value.path()).read_bytes() == PDF

    # Rate once.
    page.get_by_label("5 — Rất hài lòng").check()
    page.get_by_label("Góp ý (không bắt buộc)").fill("Nhanh, không phải đi lại.")
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.locator("#rated")).to_be_visible()
    assert Rating.objects.get(dossier__code=code).score == 5
    page.screenshot(path=str(shots / f"{prefix}dossier.png"), full_page=True)
    if phone:
        _fits(page)

    # Public lookup, without an account.
    page.context.clear_cookies()
    page.goto(f"/tra-cuu/?ma={code}")
    page.get_by_label("Số CCCD hoặc mã số thuế của người nộp").fill(CITIZEN_ID)
    page.get_by_role("button", name="Tra cứu").click()
    result = page.locator("#lookup-result")
    assert "Đã trả kết quả" in result.inner_text()
    assert "Nguyễn Thị Hoa" not in page.content()
    page.screenshot(path=str(shots / f"{prefix}lookup.png"), full_page=True)


def test_citizen_journey_on_a_desktop(page, world, screenshot_dir):
    journey(page, world, screenshot_dir, "portal-", phone=False)


def test_citizen_journey_on_a_360_pixel_phone(phone_page, world, screenshot_dir):
    journey(phone_page, world, screenshot_dir, "portal-phone-", phone=True)
