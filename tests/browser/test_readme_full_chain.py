"""The README's full chain in Chromium with the demo province and only the accounts and steps the README
names: `congdan` submits a birth registration online at xã Vĩnh Bảo → `tiepnhan.vinhbao` receives it →
`thuly.vinhbao` forwards it → `lanhdao.vinhbao` approves → `vanthu.vinhbao` issues the result →
`tiepnhan.vinhbao` returns it → `congdan` sees it returned. The receipt's QR code, decoded from the
screen, opens the lookup on the port this server runs on."""

import io
from io import StringIO
from pathlib import Path

import pytest
import zxingcpp
from django.core.management import call_command
from PIL import Image

from motcua.demo.agencies import commune_by_slug
from motcua.demo.staff import DEMO_PASSWORD
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Agency

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0" + b"0" * 40


def tab(browser, live_server, username: str):
    """A new browser tab logged in as `username` through the login page, with the demo password."""
    assert f"`{username}`" in README, f"{username} is not named in the README"
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/tai-khoan/")  # the README's entry: the login page when logged out
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_label("Mật khẩu").press("Enter")
    page.wait_for_load_state()
    return page


def state(code: str) -> str:
    return Dossier.objects.get(code=code).state


def test_the_readme_chain_with_the_demo_accounts(browser, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MOTCUA_DEMO_DOSSIERS = 0  # the province, accounts and procedures; no generated history
    settings.MOTCUA_PUBLIC_URL = ""  # development: links follow the address the server was reached on
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    centre = Agency.objects.get(identifier=commune_by_slug("vinhbao").centre_identifier)

    # Citizen: the procedure page the README names → "Nộp trực tuyến".
    citizen = tab(browser, live_server, "congdan")
    citizen.goto("/thu-tuc/1.001193/")
    citizen.locator(".online-box").get_by_role("button", name="Nộp hồ sơ trực tuyến").click()
    citizen.wait_for_url("**/nop-ho-so/*/thong-tin/")
    citizen.get_by_label("Quan hệ với người được đăng ký").select_option("Cha")
    citizen.get_by_label("Họ, chữ đệm, tên của trẻ").fill("Nguyễn Minh Khang")
    citizen.get_by_label("Nam", exact=True).check()
    citizen.get_by_label("Ngày, tháng, năm sinh").fill("2026-10-20")
    citizen.get_by_label("Nơi sinh (cơ sở y tế hoặc địa chỉ)").fill("Trung tâm Y tế Vĩnh Bảo")
    citizen.get_by_label("Họ, chữ đệm, tên người mẹ").fill("Trần Thị Hoa")
    citizen.get_by_role("button", name="Lưu và tiếp tục").click()
    citizen.wait_for_url("**/giay-to/")
    citizen.locator("#component_1").set_input_files(
        {"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    citizen.locator("#component_2").set_input_files(
        {"name": "giay-chung-sinh.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    citizen.locator("#component_3").set_input_files(
        {"name": "cccd.jpg", "mimeType": "image/jpeg", "buffer": JPEG}
    )
    citizen.get_by_role("button", name="Tải lên và tiếp tục").click()
    citizen.wait_for_url("**/nhan-ket-qua/")
    citizen.get_by_label("Nơi tiếp nhận hồ sơ", exact=True).select_option(label=centre.name)
    citizen.get_by_label("Nhận kết quả điện tử (tải về trên cổng)").check()
    citizen.get_by_role("button", name="Lưu và tiếp tục").click()
    citizen.wait_for_url("**/xac-nhan/")
    citizen.get_by_label("Tôi xin cam đoan", exact=False).check()
    citizen.get_by_role("button", name="Nộp hồ sơ").click()
    citizen.wait_for_url("**/bien-nhan/")
    code = citizen.locator("#dossier-code").inner_text()
    assert state(code) == "submitted"

    # The receipt's QR code, read from the screen, opens this server's lookup (its port, not 8000's).
    qr = citizen.get_by_role("img", name=f"Mã QR tra cứu hồ sơ {code}")
    decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))]
    assert decoded == [f"{live_server.url}/tra-cuu/?ma={code}"], decoded
    citizen.goto(decoded[0].removeprefix(live_server.url))
    assert citizen.locator("#ma").input_value() == code

    # Desk: "Chờ tiếp nhận" → receive.
    desk = tab(browser, live_server, "tiepnhan.vinhbao")
    desk.goto("/can-bo/?ds=cho-tiep-nhan")
    desk.get_by_role("link", name=code).click()
    desk.get_by_role("button", name="Tiếp nhận", exact=True).click()
    desk.get_by_text("Đã tiếp nhận hồ sơ").wait_for()
    assert state(code) == "received"

    # Processing: "Đang xử lý: của tôi" → forward to the leader.
    officer = tab(browser, live_server, "thuly.vinhbao")
    officer.goto("/can-bo/?ds=cua-toi")
    officer.get_by_role("link", name=code).click()
    officer.get_by_role("button", name="Chuyển xử lý").click()
    officer.get_by_text("Đã thực hiện").wait_for()

    # Leader: approve.
    leader = tab(browser, live_server, "lanhdao.vinhbao")
    leader.goto("/can-bo/?ds=cua-toi")
    leader.get_by_role("link", name=code).click()
    leader.get_by_role("button", name="Phê duyệt").click()
    leader.get_by_text("Đã thực hiện").wait_for()
    assert state(code) == "approved"

    # Clerk: issue the result as a document (a result is a document: number, date, signer and its PDF).
    clerk = tab(browser, live_server, "vanthu.vinhbao")
    clerk.goto("/can-bo/?ds=cua-toi")
    clerk.get_by_role("link", name=code).click()
    clerk.get_by_label("Số, ký hiệu văn bản kết quả").fill("125/TLKS")
    clerk.get_by_label("Người ký").fill("Nguyễn Văn Lãnh")
    clerk.get_by_label("Ngày ban hành").fill("2026-03-02")
    clerk.get_by_label("Tệp kết quả (PDF)").set_input_files(
        {"name": "trich-luc.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    clerk.get_by_role("button", name="Ban hành kết quả").click()
    clerk.get_by_text("Đã thực hiện").wait_for()
    assert state(code) == "result_ready"

    # Desk: "Chờ trả kết quả" → return it.
    desk.goto("/can-bo/?ds=cho-tra-ket-qua")
    desk.get_by_role("link", name=code).click()
    desk.get_by_role("button", name="Trả kết quả").click()
    desk.get_by_text("Đã thực hiện").wait_for()
    assert state(code) == "returned"

    # Citizen: "Hồ sơ của tôi" shows it returned.
    citizen.goto("/ho-so/")
    citizen.get_by_role("link", name=code).click()
    assert citizen.locator("#status").inner_text() == "Đã trả kết quả"
