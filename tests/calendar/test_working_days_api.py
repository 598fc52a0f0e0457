"""GET /api/v1/calendar/working-days?year= lists days off and make-up days with their sources."""

import pytest

pytestmark = pytest.mark.django_db


def test_2026_days_with_sources(client):
    response = client.get("/api/v1/calendar/working-days", {"year": 2026})
    assert response.status_code == 200
    body = response.json()
    days = {d["date"]: d for d in body["days"]}
    assert days["2026-04-27"]["sources"] == [
        "Bộ luật Lao động 2019, Điều 111 khoản 3 (nghỉ bù ngày lễ trùng ngày nghỉ hằng tuần)"
    ]
    assert days["2026-08-22"]["kind"] == "working" and days["2026-08-22"]["is_working_day"] is True
    assert days["2026-08-31"]["sources"] == ["Thông báo số 9441/TB-BNV"]
    assert days["2026-11-24"]["sources"] == ["Nghị quyết 28/2026/QH16"]
    assert set(days["2026-09-02"]["sources"]) == {
        "Bộ luật Lao động 2019, Điều 112 khoản 1 điểm đ",
        "Thông báo số 9441/TB-BNV",
    }
    assert body["working_days"] == 249
    assert [n["number"] for n in body["notices"]] == ["9441/TB-BNV"]


def test_2025_swap_is_listed(client):
    days = {d["date"]: d for d in client.get("/api/v1/calendar/working-days?year=2025").json()["days"]}
    assert days["2025-04-26"]["kind"] == "working"
    assert days["2025-05-02"]["kind"] == "off"
    assert days["2025-05-02"]["sources"] == ["Thông báo số 6150/TB-BLĐTBXH"]
