"""Rules shared with the API and the CLI write "tiếng Việt / English"; a page shows the reader's half only
(`core.forms.OneLanguageErrorList`), while the API keeps both, each message split on its own."""

import html

import pytest
from django.core.exceptions import ValidationError

from motcua.core.bilingual import split_each
from tests.accounts.conftest import citizen_data
from tests.portal.helpers import start, step_url
from tests.portal.world import BIRTH_FORM, make_portal_world

pytestmark = pytest.mark.django_db

VI = "Số định danh cá nhân (CCCD) gồm đúng 12 chữ số."
EN = "A personal ID number has exactly 12 digits."


def _english(client):
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302


def _page(response) -> str:
    return html.unescape(response.content.decode())


def test_the_e_form_shows_the_id_number_rule_in_one_language(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = make_portal_world()
    client.force_login(world.citizen)
    draft = start(client)
    data = {**BIRTH_FORM, "cccd_me": "12345", "go": "next"}
    page = _page(client.post(step_url(draft, "thong-tin"), data))
    assert VI in page and EN not in page
    assert page.count(VI) == 2  # the summary at the top and under the field
    _english(client)
    page = _page(client.post(step_url(draft, "thong-tin"), data))
    assert EN in page and VI not in page


def test_registration_shows_the_id_number_rule_in_one_language(client):
    data = citizen_data(id_number="0311")
    page = _page(client.post("/tai-khoan/dang-ky/cong-dan/", data))
    assert VI in page and EN not in page
    _english(client)
    page = _page(client.post("/tai-khoan/dang-ky/cong-dan/", data))
    assert EN in page and VI not in page


def test_the_api_splits_each_message_on_its_own():
    error = ValidationError([f"{VI} / {EN}", "Số điện thoại không hợp lệ. / Invalid phone number."])
    assert split_each(error.messages) == (
        f"{VI}; Số điện thoại không hợp lệ.",
        f"{EN}; Invalid phone number.",
    )
