"""A public procedure page of the demo catalogue shows no research notes (source tags, "theo nguồn",
"cần kiểm chứng" stay in the source note, for the admin and docs), folds a long list of agencies, and in
English mode translates its labels ("Trực tiếp", "trong ngày", "3 ngày làm việc")."""

import html
import re
from io import StringIO

import pytest
from django.core.management import call_command

from motcua.catalog.models import Procedure

pytestmark = pytest.mark.django_db
RESEARCH = re.compile(r"\bS\d{1,2}\b|theo nguồn|kiểm chứng|facts #|Nguồn thông tin|\[U\]|\[V\]")


@pytest.fixture
def demo(settings):
    settings.MOTCUA_DEMO_DOSSIERS = 0
    call_command("load_demo", stdout=StringIO())


def test_no_research_notes_on_any_procedure_page(demo, client):
    for code in Procedure.objects.values_list("code", flat=True):
        page = html.unescape(client.get(f"/thu-tuc/{code}/").content.decode())
        assert not RESEARCH.search(page), (code, RESEARCH.search(page).group(0))
    birth = Procedure.objects.get(code="1.001193").current_version
    assert "S14" in birth.source_note and "theo nguồn S14" in birth.source_note  # kept for the admin


def test_long_agency_lists_are_folded(demo, client):
    page = client.get("/thu-tuc/1.001193/").content.decode()  # every demo commune and its centre
    assert '<details class="agencies"' in page
    summaries = re.findall(r"<summary>([^<]+)</summary>", page)
    assert len(summaries) == 2 and all(re.search(r": \d{2,} ", s) for s in summaries), summaries
    short = client.get("/thu-tuc/1.999001/").content.decode()  # one department, one centre
    assert '<details class="agencies"' not in short


def test_english_mode_translates_the_labels(demo, client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = html.unescape(client.get("/thu-tuc/1.001193/").content.decode())
    assert "In person" in page and "Trực tiếp" not in page
    # Birth registration is "trong ngày" since the deadline units (the legal unit, not 8 working hours)
    assert "<td>same day</td>" in page and "<td>trong ngày</td>" not in page
    joint = html.unescape(client.get("/thu-tuc/1.000689/").content.decode())  # 3 working days
    assert "<td>3 working days</td>" in joint and "ngày làm việc</td>" not in joint
