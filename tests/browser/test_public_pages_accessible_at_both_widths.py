"""Every public page passes axe-core (no serious or critical violation) at 1280 px and on a 360-px phone,
with the demo province's real catalogue (long agency lists folded); on the phone the header stays short
and a dossier code never wraps; the API docs page declares its language; error pages are styled."""

from io import StringIO

import pytest
from django.core.management import call_command

from .test_portal_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = (
    "/",
    "/thu-tuc/",
    "/thu-tuc/?q=khai+sinh",
    "/thu-tuc/1.001193/",  # a commune procedure: 5 receiving centres, folded when long
    "/thu-tuc/1.999001/",
    "/tra-cuu/",
    "/lich-lam-viec/",
    "/tai-khoan/dang-nhap/",
    "/tai-khoan/dang-ky/",
    "/tai-khoan/dang-ky/cong-dan/",
    "/tai-khoan/quen-mat-khau/",
    "/demo/",
    "/khong-co-trang-nay/",  # the 404 page
)
# Swagger UI (a third-party page) is held to what is ours: its language and its title.
API_DOCS_RULES = ["html-has-lang", "html-lang-valid", "document-title"]


@pytest.fixture
def demo(settings):
    settings.MOTCUA_DEMO_DOSSIERS = 0
    settings.MOTCUA_DEMO = True
    call_command("load_demo", stdout=StringIO())


@pytest.mark.parametrize("width, height", [(1280, 900), (360, 740)])
def test_no_serious_violation_on_any_public_page(browser, live_server, demo, width, height):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": width, "height": height}, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    found = {}
    for url in PUBLIC:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        found[url] = axe_violations(page)
    page.goto("/api/v1/docs")
    page.wait_for_load_state("networkidle")
    found["/api/v1/docs"] = axe_violations(page, rules=API_DOCS_RULES)
    if width == 360:
        page.goto("/thu-tuc/")
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= 0.2 * height, header  # not a third of the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
    bad = {url: v for url, v in found.items() if v}
    assert not bad, "\n".join(f"{url}: {v}" for url, v in bad.items())


def test_the_api_docs_page_declares_its_language(client, db):
    html = client.get("/api/v1/docs").content.decode()
    assert '<html lang="' in html


def test_a_dossier_code_never_wraps(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto("/thu-tuc/1.001193/")
    assert page.locator("dd.code").evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
    context.close()
