"""Runs on whichever database DATABASE_URL selects; CI runs it on SQLite and PostgreSQL."""

import pytest

from motcua.catalog.selectors import procedure_list
from tests.factories.catalog import publish_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return {
        "birth": publish_procedure(
            code="1.001193", name="Thủ tục đăng ký khai sinh", sector_code="HT", sector_name="Hộ tịch"
        ),
        "marriage": publish_procedure(
            code="1.000894", name="Thủ tục đăng ký kết hôn", sector_code="HT", sector_name="Hộ tịch"
        ),
        "road": publish_procedure(
            code="1.009999",
            name="Cấp phép thi công trên đường bộ đang khai thác",
            sector_code="DB",
            sector_name="Đường bộ",
        ),
        "copy": publish_procedure(
            code="2.000815",
            name="Chứng thực bản sao từ bản chính",
            sector_code="CT",
            sector_name="Chứng thực",
        ),
    }


def codes(**kwargs):
    return {p.code for p in procedure_list(**kwargs)}


def test_unaccented_query_finds_accented_name(catalogue):
    assert codes(q="dang ky khai sinh") == {"1.001193"}


def test_case_and_accents_do_not_matter(catalogue):
    assert codes(q="ĐĂNG KÝ KẾT HÔN") == {"1.000894"}
    assert codes(q="Dang Ky") == {"1.001193", "1.000894"}


def test_d_with_stroke_folds_to_d(catalogue):
    assert codes(q="duong") == {"1.009999"}
    assert codes(q="đường") == {"1.009999"}


def test_search_covers_code_and_sector(catalogue):
    assert codes(q="2.000815") == {"2.000815"}
    assert codes(q="ho tich") == {"1.001193", "1.000894"}


def test_every_word_must_match(catalogue):
    assert codes(q="khai sinh ket hon") == set()


def test_filters_by_sector_and_online_kind(catalogue):
    assert codes(sector="CT") == {"2.000815"}
    assert codes(online_kind="full") == set()
