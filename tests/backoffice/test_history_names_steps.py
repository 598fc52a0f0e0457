import re

from tests.dossiers.world import receive


def test_history_shows_the_step_name_not_its_key(login, world):
    dossier = receive(world)
    html = login(world.officer).get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    history = html[html.index("Lịch sử xử lý") :]
    first_row = re.search(r"<tbody>(.*?)</tr>", history, re.S).group(1)
    assert "Thụ lý hồ sơ" in first_row
    assert "thu-ly" not in first_row
