"""The Decision 766 indicators other than progress, on a hand-built March with known answers:
online dossiers with and without an electronic result where the result is paper, online payment,
digitisation, satisfaction, and "no data" for what the system cannot know."""

from motcua.catalog.models import Result
from motcua.portal.services import rating_create
from motcua.reports import index766
from motcua.reports.models import IndicatorSetting
from motcua.reports.selectors import Period, Scope
from tests.dossiers.world import act, issued

from .cases import at, online_received, processed, received_on

MARCH = Period.parse("2026-03-01", "2026-03-31")


def _build(world, clock):
    e_result = online_received(world, clock, 2026, 3, 2, 9, 0)
    at(clock, 2026, 3, 2, 10, 0)
    e_result = act(e_result, "request_payment", world.desk)
    e_result = act(e_result, "pay", world.citizen)  # paid online by the applicant
    processed(world, clock, e_result, 2026, 3, 3, 9, 0, **issued("1/GXN", is_electronic=True))
    paper = online_received(world, clock, 2026, 3, 2, 9, 10)
    # the result on paper only: a procedure whose result is not a document (no file is required)
    Result.objects.filter(version_id=paper.procedure_version_id).update(is_document=False)
    paper = processed(world, clock, paper, 2026, 3, 3, 10, 0, results=[{"number": "2/GXN"}])
    at(clock, 2026, 3, 3, 11, 0)
    paper = act(paper, "return_result", world.desk, return_channel="desk")
    rating_create(paper, user=world.citizen, score=1)  # a "dislike"
    online_received(world, clock, 2026, 3, 4, 9, 0)  # online, still in progress: counts
    received_on(
        world, clock, 2026, 3, 4, 9, 30, components=[{"position": 1, "digitised": True}, {"position": 2}]
    )


def _rows(doc):
    return {r["code"]: r for r in doc["indicators"]}


def test_indicators_with_known_answers(world, fixed_clock):
    _build(world, fixed_clock)
    at(fixed_clock, 2026, 3, 5, 8, 0)  # nothing is late yet
    doc = index766.compute(MARCH, Scope())
    rows = _rows(doc)
    # online: the paper-only result does not count; the unfinished one does → 2 of 4
    assert (rows["ONLINE_DOSSIER_RATE"]["numerator"], rows["ONLINE_DOSSIER_RATE"]["denominator"]) == (2, 4)
    assert rows["ONLINE_DOSSIER_RATE"]["points"] == 6.0  # min(6, 6 × 0.5 ÷ 0.5)
    assert (
        rows["ORIGINAL_RESULT_AVAILABLE"]["numerator"],
        rows["ORIGINAL_RESULT_AVAILABLE"]["denominator"],
    ) == (
        1,
        2,
    )
    assert rows["ORIGINAL_RESULT_AVAILABLE"]["points"] == 3.0
    assert (rows["ONLINE_PAYMENT_RATE"]["numerator"], rows["ONLINE_PAYMENT_RATE"]["denominator"]) == (1, 4)
    assert rows["ONLINE_PAYMENT_RATE"]["points"] == 1.5
    assert rows["SO_HOA_GIAY_TO_GIAI_QUYET"]["numerator"] == 1
    assert rows["SO_HOA_GIAY_TO_GIAI_QUYET"]["points"] == 1.25  # min(4, 4 × 0.25 ÷ 0.8)
    # satisfaction: 100% − (0 late + 1 dislike of 4) = 75% → min(6, 6 × 0.75 ÷ 0.9) = 5
    assert rows["DOSSIER_RECEIVING_SATISFACTION"]["rate"] == 0.75
    assert rows["DOSSIER_RECEIVING_SATISFACTION"]["points"] == 5.0
    assert rows["ON_TIME"]["points"] == 20.0
    # the catalogue: one procedure, offered online (partial), which received online dossiers
    assert rows["ONLINE_PROCEDURE_RATE"]["points"] == 2.0 and rows["ONLINE_SERVICE_USED"]["points"] == 4.0
    # what the system cannot know is "no data", never scored
    for code in (
        "PUBLISH_ON_TIME",
        "DOSSIER_SYNC",
        "PETITION_PROCESSING_ON_TIME",
        "ELECTRONIC_CERTIFIED_COPY",
    ):
        assert rows[code]["no_data"] and rows[code]["points"] is None
    known = sum(r["points"] or 0 for r in doc["indicators"])
    assert doc["total"] == round(known, 2) == 42.75 + rows["REUSED_DIGITIZED_DATA"]["points"]
    assert doc["max"] == 100 and doc["max_known"] < 100


def test_points_and_thresholds_are_configuration(world, fixed_clock):
    _build(world, fixed_clock)
    at(fixed_clock, 2026, 3, 5, 8, 0)
    IndicatorSetting.objects.filter(code="SO_HOA_GIAY_TO_GIAI_QUYET").update(threshold="0.25", max_points=2)
    row = _rows(index766.compute(MARCH, Scope()))["SO_HOA_GIAY_TO_GIAI_QUYET"]
    assert (row["points"], row["max_points"], row["threshold"]) == (2.0, 2.0, 0.25)
    assert "766" in row["source"]


def test_an_empty_period_scores_nothing(world, fixed_clock):
    doc = index766.compute(Period.parse("2025-01-01", "2025-01-31"), Scope())
    on_time = _rows(doc)["ON_TIME"]
    assert (on_time["denominator"], on_time["rate"], on_time["points"]) == (0, None, None)
