"""Officer journeys in Chromium: the desk registers and receives an in-person dossier (form 01), the
processing officer forwards it, the leader approves, the clerk issues the result, the desk returns it; a
late dossier gets an apology whose new date the citizen's lookup shows; a stale form is refused with a
clear message; an officer of another agency gets 403."""

import re
from datetime import datetime

import pytest
from django.test import Client

from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from tests.backoffice.conftest import pdf_text
from tests.dossiers.world import PASSWORD, FixedClock, act, make_world, media_root, receive, vn  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def as_user(browser, live_server, user):
    """A browser tab already logged in as `user` (session made by Django's test client)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    return tab


def state_of(code: str) -> str:
    return Dossier.objects.get(code=code).state


def test_desk_to_result_returned(page, browser, live_server, screenshot_dir):
    world = make_world()
    # The desk officer logs in through the accounts login page.
    page.goto("/can-bo/")
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill(world.desk.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/can-bo/")
    page.get_by_role("link", name="Tiếp nhận hồ sơ").click()
    page.get_by_label("Thủ tục").select_option(world.procedure.code)
    page.get_by_label("Tìm người nộp theo số định danh / MST").fill("031200004567")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_text("Chưa có người nộp này").wait_for()
    page.get_by_label("Họ tên / tên tổ chức").fill("Đỗ Thị Mai")
    page.get_by_label("Điện thoại").fill("0987654321")
    page.get_by_label("Địa chỉ").fill("5 Lạch Tray, Hải Phòng")
    page.get_by_label("Cơ quan giải quyết").select_option(str(world.department.pk))
    page.locator("#comp_1").check()
    page.locator("#comp_2").check()
    page.screenshot(path=str(screenshot_dir / "backoffice-desk.png"), full_page=True)
    page.get_by_role("button", name="Tiếp nhận và in giấy hẹn (mẫu 01)").click()
    page.wait_for_url("**/can-bo/ho-so/**")
    code = page.locator("#dossier-code").inner_text()
    assert state_of(code) == "received"
    link = page.get_by_role("link", name="In mẫu 01 (PDF)")
    pdf = page.request.get(link.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"
    text = pdf_text(pdf.body())
    assert code in text and "Đỗ Thị Mai" in text

    officer = as_user(browser, live_server, world.officer)
    officer.goto(f"/can-bo/ho-so/{code}/")
    officer.screenshot(path=str(screenshot_dir / "backoffice-processing.png"), full_page=True)
    officer.get_by_label("Cán bộ xử lý bước «Trình lãnh đạo phê duyệt»").select_option(str(world.leader.pk))
    officer.locator("#c-forward").fill("Hồ sơ đủ điều kiện")
    officer.get_by_role("button", name="Chuyển xử lý").click()
    officer.get_by_text("Đã thực hiện").wait_for()
    assert Dossier.objects.get(code=code).assigned_officer == world.leader

    leader = as_user(browser, live_server, world.leader)
    leader.goto("/can-bo/?ds=cua-toi")
    leader.get_by_role("link", name=code).click()
    leader.get_by_role("button", name="Phê duyệt").click()
    leader.get_by_text("Đã thực hiện").wait_for()
    assert state_of(code) == "approved"

    clerk = as_user(browser, live_server, world.clerk)
    clerk.goto(f"/can-bo/ho-so/{code}/")
    clerk.get_by_label("Số, ký hiệu văn bản kết quả").fill("15/GXN")
    clerk.get_by_label("Người ký", exact=True).fill("Trần Văn Lãnh")  # a result is a document
    clerk.get_by_label("Ngày ban hành", exact=True).fill("2026-03-02")
    clerk.get_by_label("Tệp kết quả (PDF)").set_input_files(
        {
            "name": "ket-qua.pdf",
            "mimeType": "application/pdf",
            "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n",
        }
    )
    clerk.get_by_role("button", name="Ban hành kết quả").click()
    clerk.get_by_text("Đã thực hiện").wait_for()
    assert state_of(code) == "result_ready"

    page.goto("/can-bo/?ds=cho-tra-ket-qua")
    assert page.locator('[data-count="cho-tra-ket-qua"]').inner_text() == "1"
    page.screenshot(path=str(screenshot_dir / "backoffice-worklist.png"), full_page=True)
    page.keyboard.press("j")  # keyboard: first dossier, Enter opens it
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/can-bo/ho-so/{code}/")
    page.get_by_label("Hình thức trả kết quả").select_option("desk")
    page.get_by_role("button", name="Trả kết quả").click()
    page.get_by_text("Đã thực hiện").wait_for()
    assert state_of(code) == "returned"
    assert "thay mặt" not in page.content()


def test_apology_conflict_and_other_agency(browser, live_server):
    clock = FixedClock(vn(2026, 3, 2, 9, 0))
    world = make_world()
    late = receive(world)
    busy = receive(world)
    clock.set(vn(2026, 3, 6, 10, 0))  # a day after the due date (Thu 5 Mar 09:00)

    leader = as_user(browser, live_server, world.leader)
    leader.goto(f"/can-bo/ho-so/{late.code}/")
    assert leader.locator(".dossier-head .badge-late").is_visible()
    leader.get_by_text("Xin lỗi, hẹn lại ngày trả").first.click()
    leader.get_by_label("Ngày hẹn trả mới").fill("2026-03-12T16:00")
    leader.get_by_label("Lý do chậm trễ (bắt buộc)").fill("Chờ kết quả xác minh")
    leader.get_by_role("button", name="Xin lỗi, hẹn lại ngày trả").click()
    leader.get_by_role("link", name="In mẫu 04 (PDF)").wait_for()
    public = leader.request.post(
        f"/api/v1/dossiers/{late.code}/lookup", data={"id_number": world.applicant.id_number}
    ).json()
    assert datetime.fromisoformat(public["due_at"]) == vn(2026, 3, 12, 16, 0)

    # A stale form: the officer's page was loaded before someone else changed the dossier.
    officer = as_user(browser, live_server, world.officer)
    officer.goto(f"/can-bo/ho-so/{busy.code}/")
    act(busy, "consult", world.officer, agencies=[world.other.identifier])
    before = Dossier.objects.get(pk=busy.pk)
    officer.get_by_role("button", name="Chuyển xử lý").click()
    alert = officer.get_by_role("alert")
    assert "Hồ sơ đã được người khác cập nhật" in alert.inner_text()
    after = Dossier.objects.get(pk=busy.pk)
    assert (after.version, after.state, after.current_step) == (
        before.version,
        before.state,
        before.current_step,
    )

    # Another agency's officer: 404 on the page and on an action (with a valid CSRF token): a dossier
    # they may not see answers as an unknown code does.
    stranger = as_user(browser, live_server, world.other_officer)
    assert stranger.goto(f"/can-bo/ho-so/{late.code}/").status == 404
    stranger.goto("/can-bo/")
    token = stranger.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    response = stranger.request.post(
        f"/can-bo/ho-so/{late.code}/thao-tac/forward/",
        form={"csrfmiddlewaretoken": token, "expected_version": str(late.version)},
        headers={"Referer": live_server.url + "/can-bo/"},
    )
    assert response.status == 404 and not re.search("CSRF", response.text())
    assert Dossier.objects.get(pk=late.pk).state == "received"
    lifecycle  # noqa: B018 (imported for the module's side effect of registering actions)
