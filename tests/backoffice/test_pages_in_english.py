"""Vietnamese first; English through gettext when the officer switches language."""

from django.conf import settings

from tests.dossiers.world import receive


def test_worklist_and_dossier_page_in_english(login, world):
    dossier = receive(world)
    client = login(world.officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/can-bo/?ds=cua-toi").content.decode()
    assert "Dossiers to handle" in html and "Processing: mine" in html
    html = client.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert "History and comments" in html and ">Forward<" in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    assert "Hồ sơ cần xử lý" in client.get("/can-bo/").content.decode()
