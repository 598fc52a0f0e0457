"""Vietnamese first, English second: the dashboard in English for a reader who chose it."""

from django.utils import translation

from .cases import at, received_on


def test_dashboard_in_english(client, world, fixed_clock):
    received_on(world, fixed_clock, 2026, 3, 2, 9, 0)
    at(fixed_clock, 2026, 3, 20, 9, 0)
    client.force_login(world.leader)
    vi = client.get("/can-bo/thong-ke/").content.decode()
    assert "Tỷ lệ đúng hạn" in vi
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    en = client.get("/can-bo/thong-ke/").content.decode()
    assert "On-time rate" in en and "Early warning: dossiers at risk of being late" in en
    translation.activate("vi")
