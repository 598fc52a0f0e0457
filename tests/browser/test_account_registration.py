import pytest
from playwright.sync_api import expect

from motcua.organizations.models import Applicant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_registers_logs_in_and_sees_the_name_on_the_profile(page, screenshot_dir):
    page.goto("/tai-khoan/dang-ky/")
    page.get_by_role("link", name="Công dân").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Đăng ký tài khoản công dân"

    # A first try with mismatched passwords: the error is on the field and nothing else is lost.
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("Số định danh cá nhân (CCCD)").fill("031199001234")
    page.get_by_label("Ngày sinh").fill("1990-05-17")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Thư điện tử (không bắt buộc)").fill("hoa@example.vn")
    page.get_by_label("Địa chỉ").fill("12 Lê Lợi, phường Hồng Bàng, Hải Phòng")
    page.get_by_label("Mật khẩu", exact=True).fill("Hoa-sen-no-2026")
    page.get_by_label("Nhập lại mật khẩu").fill("Hoa-sen-no-2027")
    page.get_by_role("button", name="Đăng ký").click()
    confirm = page.get_by_label("Nhập lại mật khẩu")
    expect(confirm).to_have_attribute("aria-invalid", "true")
    assert (
        page.locator("#" + confirm.get_attribute("aria-describedby").split()[-1])
        .inner_text()
        .startswith("Hai mật khẩu không khớp")
    )
    assert page.get_by_label("Họ và tên").input_value() == "Nguyễn Thị Hoa"

    page.get_by_label("Mật khẩu", exact=True).fill("Hoa-sen-no-2026")
    confirm.fill("Hoa-sen-no-2026")
    confirm.press("Enter")  # keyboard only
    # The same answer whether or not the details were registered before: then one logs in.
    page.wait_for_url("**/tai-khoan/dang-ky/da-nhan/")
    assert page.get_by_role("heading", level=1).inner_text() == "Đã nhận đăng ký"
    page.screenshot(path=str(screenshot_dir / "account-registration-received.png"), full_page=True)
    page.get_by_role("link", name="Đăng nhập").last.click()
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill("0912345678")
    page.get_by_label("Mật khẩu").fill("Hoa-sen-no-2026")
    page.get_by_label("Mật khẩu").press("Enter")
    page.wait_for_url("**/ho-so/")  # applicants land on their dossiers
    page.goto("/tai-khoan/thong-tin/")
    assert page.locator(".applicant-name").inner_text() == "Nguyễn Thị Hoa"
    assert Applicant.objects.get(id_number="031199001234").user.email == "hoa@example.vn"
    page.screenshot(path=str(screenshot_dir / "account-profile.png"), full_page=True)

    # The same pages fit a 360-pixel phone.
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Đăng xuất").click()
    page.goto("/tai-khoan/dang-ky/cong-dan/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(screenshot_dir / "account-register-phone.png"), full_page=True)
