"""User-facing lists are in Vietnamese order on both databases (ICU: `vi-x-icu` on PostgreSQL, the
`vi` collation registered on SQLite connections, the same collator in Python): đ after d, ư after
u, ơ after o, tones after the bare letter — never code-point order."""

import random

import pytest
from django.db import connection

from motcua.catalog.models import Procedure, Sector
from motcua.catalog.selectors import procedure_list
from motcua.core.collation import sort_key, sorted_vi, vi
from motcua.organizations.models import Agency
from tests.factories.catalog import publish_procedure
from tests.factories.organizations import AgencyFactory

# Vietnamese order, as a dictionary prints it.
ORDERED = ["Cấp bản sao", "Dừng", "Đăng ký", "Điều chỉnh", "Đổi", "Tu sửa", "Từ chối", "Xóa"]
TONES = ["ma", "mà", "mả", "mã", "má", "mạ"]
LETTERS = ["u", "ủ", "ư", "ừ", "v"]
COMMUNES = ["Cẩm Giàng", "Chấn Hưng", "Dương Kinh", "Đồ Sơn", "Ông Ích Khiêm"]


def shuffled(items):
    items = list(items)
    random.Random(15).shuffle(items)
    return items


def test_python_sort_key_is_vietnamese():
    assert sorted_vi(shuffled(ORDERED)) == ORDERED
    assert sorted_vi(shuffled(TONES)) == TONES
    assert sorted_vi(shuffled(LETTERS)) == LETTERS
    assert sort_key("đ") > sort_key("d") and sort_key("đ") < sort_key("e")
    assert sorted(ORDERED) != ORDERED  # code-point order is not it


@pytest.mark.django_db
def test_database_orders_agencies_in_vietnamese():
    for name in shuffled(COMMUNES + [f"UBND {w}" for w in TONES]):
        AgencyFactory(name=name)
    names = list(Agency.objects.order_by(vi("name")).values_list("name", flat=True))
    assert names == COMMUNES + [f"UBND {w}" for w in TONES]
    assert connection.vendor in ("sqlite", "postgresql")


@pytest.mark.django_db
def test_catalogue_lists_procedures_and_sectors_in_vietnamese():
    for name in shuffled(ORDERED):
        publish_procedure(
            name=f"Thủ tục {name}", sector_code=f"S{len(name)}{name[:1]}", sector_name=f"Lĩnh vực {name}"
        )
    names = [p.name for p in procedure_list()]
    assert names == [f"Thủ tục {name}" for name in ORDERED]
    assert list(Procedure.objects.values_list("name", flat=True)) == names  # Meta.ordering too
    sectors = [s for s in Sector.objects.values_list("name", flat=True) if s.startswith("Lĩnh vực")]
    assert sectors == [f"Lĩnh vực {name}" for name in ORDERED]
