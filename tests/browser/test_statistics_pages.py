"""The statistics pages in Chromium on the demo data: the city supervisor's and a commune leader's
dashboard on a desktop and on a 360-px phone (no sideways scrolling), the public progress page;
screenshots for docs/screenshots/ (MOTCUA_SCREENSHOTS=1)."""

import pytest
from django.test import Client

from motcua.demo.loader import load_demo
from motcua.organizations.models import User
from tests.dossiers.world import media_root  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab(browser, live_server, user, width, height, mobile=False):
    client = Client()
    client.force_login(user)
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        viewport={"width": width, "height": height},
        is_mobile=mobile,
        has_touch=mobile,
    )
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    return tab


def _no_sideways_scroll(tab):
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_dashboards_and_public_page(browser, live_server, screenshot_dir, settings):
    settings.MOTCUA_DEMO_DOSSIERS = 120
    load_demo()
    supervisor = User.objects.get(username="giamsat.tinh")
    desk = _tab(browser, live_server, supervisor, 1280, 900)
    desk.goto("/can-bo/thong-ke/")
    assert desk.locator("h1").inner_text() == "Thống kê, chỉ số phục vụ"
    assert desk.locator("svg.chart").count() >= 2
    assert desk.locator(".tile .t-value").first.inner_text() not in ("0.0", "0")
    assert desk.get_by_text("Thời gian thực TB (giờ làm việc)").count() == 1  # time in step vs allotment
    desk.set_viewport_size({"width": 1280, "height": 1500})
    desk.screenshot(path=str(screenshot_dir / "stats-dashboard.png"), full_page=False)

    phone = _tab(browser, live_server, User.objects.get(username="lanhdao.hongbang"), 360, 740, mobile=True)
    phone.goto("/can-bo/thong-ke/")
    assert phone.locator(".tile").count() == 4
    assert _no_sideways_scroll(phone)
    phone.screenshot(path=str(screenshot_dir / "stats-dashboard-phone.png"), full_page=False)

    desk.goto("/can-bo/thong-ke/bao-cao/")
    assert desk.locator("table.report-table a").count() > 0  # numbers are links
    desk.screenshot(path=str(screenshot_dir / "stats-report.png"), full_page=False)

    public = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    tab = public.new_page()
    tab.goto("/tien-do-giai-quyet/")
    assert tab.locator("h1").inner_text() == "Công khai tiến độ giải quyết hồ sơ"
    tab.screenshot(path=str(screenshot_dir / "public-progress.png"), full_page=False)
    public.close()
