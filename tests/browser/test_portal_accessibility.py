"""axe-core (npm, `make npm-deps`) injected by Playwright: no serious or critical violation on the home,
catalogue, procedure, submission (every step), follow-up and lookup pages."""

from pathlib import Path

import pytest

from motcua.portal.models import Draft
from tests.portal.world import PASSWORD, make_portal_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def page(browser, live_server):
    """Like conftest's page, but axe-core is injected as an inline script, which the site's
    Content-Security-Policy refuses (as it must): this context bypasses CSP (Playwright's bypass_csp,
    CDP Page.setBypassCSP). The policy itself is checked in test_content_security_policy_in_browser.py."""
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """Serious and critical axe-core violations of the page (only `rules` when given)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make npm-deps` (npm ci) first")
    page.add_script_tag(path=str(AXE))
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    result = page.evaluate("async (options) => await axe.run(document, options)", options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_portal_pages_have_no_serious_accessibility_violations(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = make_portal_world()
    code = world.procedure.code
    found = {}

    def check(url: str):
        page.goto(url)
        found[url] = axe_violations(page)

    check("/")
    check("/thu-tuc/?q=khai+sinh")
    check(f"/thu-tuc/{code}/")
    page.goto("/tra-cuu/?ma=000.00.90.H99-260302-0001")  # with the "not found" message (ID by POST)
    page.get_by_label("Số CCCD hoặc mã số thuế của người nộp").fill("031190000999")
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_selector("#lookup-message")
    found["/tra-cuu/ (not found)"] = axe_violations(page)
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill(world.citizen.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_label("Mật khẩu").press("Enter")
    page.wait_for_url("**/ho-so/")
    page.goto(f"/thu-tuc/{code}/")
    page.locator(".online-box").get_by_role("button", name="Nộp hồ sơ trực tuyến").click()
    page.wait_for_url("**/nop-ho-so/*/thong-tin/")
    draft = Draft.objects.get()
    for step in ("thong-tin", "giay-to", "nhan-ket-qua", "xac-nhan"):
        check(f"/nop-ho-so/{draft.pk}/{step}/")
    # the e-form with validation errors shown
    page.goto(f"/nop-ho-so/{draft.pk}/thong-tin/")
    page.get_by_label("Số định danh cá nhân của người mẹ").fill("12")
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    # the click starts a navigation: axe must wait for the page that answers it
    page.locator("#errors").wait_for()
    page.wait_for_load_state()
    found["e-form with errors"] = axe_violations(page)
    check("/ho-so/")
    assert {url: v for url, v in found.items() if v} == {}
