"""Amounts in Vietnamese words, as the e-receipt prints them (issue 13's figures, and the reading rules)."""

import pytest

from motcua.payments.words import amount_in_words, number_words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (8_000, "Tám nghìn đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (2_000_000_000, "Hai tỷ đồng"),
    ],
)
def test_issue_figures(amount, words):
    assert amount_in_words(amount) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (16_000, "mười sáu nghìn"),
        (1_000_005_000, "một tỷ không trăm linh năm nghìn"),
        (10_000_000_000, "mười tỷ"),
        (
            1_234_567_891,
            "một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi mốt",
        ),
    ],
)
def test_reading_rules(n, words):
    assert number_words(n) == words


def test_negative_is_refused():
    with pytest.raises(ValueError):
        number_words(-1)
