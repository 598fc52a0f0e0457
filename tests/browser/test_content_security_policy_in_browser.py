"""Chromium enforces the site's Content-Security-Policy and nothing is refused: every page of the
portal, the back office (with its document viewer frame and keyboard script) and the Swagger UI of
/api/v1/docs works without inline script or style and logs no CSP violation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.browser.test_backoffice_journey import as_user
from tests.dossiers.world import make_world, media_root, pdf, submit  # noqa: F401
from tests.factories.organizations import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
    b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82"
)


def watch(page) -> list[str]:
    """Console messages Chromium writes when the policy refuses something."""
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return refused


def test_portal_pages_and_api_docs_work_under_the_policy(page):
    world = make_world()
    refused = watch(page)
    for url in ("/", "/thu-tuc/?q=thu", f"/thu-tuc/{world.procedure.code}/", "/tra-cuu/", "/lich-lam-viec/"):
        response = page.goto(url)
        assert "script-src 'self'" in response.headers["content-security-policy"], url
        # the site's stylesheet applied (a blocked stylesheet would leave the header unstyled)
        assert page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor") != (
            "rgba(0, 0, 0, 0)"
        ), url
    page.goto("/lich-lam-viec/")
    assert page.locator(".cal-months").evaluate("e => getComputedStyle(e).display") == "grid"

    page.goto("/api/v1/docs")
    page.locator(".swagger-ui .info .title").get_by_text("Một Cửa API").wait_for()
    page.locator(".opblock-summary").first.wait_for()  # the operations were fetched and rendered
    assert refused == []


def scan_id(dossier) -> int:
    return dossier.components.get(position=2).files.get().pk


def test_back_office_viewer_frame_and_keyboard_script_work_under_the_policy(browser, live_server):
    world = make_world()
    scan = SimpleUploadedFile("cccd.png", PNG, content_type="image/png")
    dossier = submit(
        world, components=[{"position": 1, "files": [pdf("to-khai.pdf")]}, {"position": 2, "files": [scan]}]
    )
    tab = as_user(browser, live_server, world.desk)
    refused = watch(tab)
    tab.goto("/can-bo/?ds=tat-ca")
    tab.keyboard.press("/")  # backoffice.js: "/" focuses the search box
    assert tab.evaluate("document.activeElement.id") == "id_q"
    tab.goto(f"/can-bo/ho-so/{dossier.code}/")
    tab.get_by_role("link", name="cccd.png").click()
    # the file opens in the page's frame (its own sandboxed policy; the page's allows the frame)
    tab.frame_locator("#viewer").locator("img").wait_for()
    assert tab.frame(name="viewer").url.endswith(f"/can-bo/ho-so/{dossier.code}/tep/{scan_id(dossier)}/")
    assert refused == []


def test_django_admin_works_under_the_policy(browser, live_server):
    world = make_world()
    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    tab = as_user(browser, live_server, admin)
    refused = watch(tab)
    for url in (
        "/admin/",
        "/admin/catalog/procedure/",
        f"/admin/catalog/procedure/{world.procedure.pk}/change/",
        "/admin/organizations/user/add/",
        "/admin/organizations/delegation/add/",  # date/time widgets (admin's calendar script)
    ):
        response = tab.goto(url)
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"], url
    tab.locator(".datetimeshortcuts").first.wait_for(state="attached")  # added by the widgets' script
    assert refused == []
