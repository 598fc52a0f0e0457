import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.text import fold, fold_terms


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("ĐƯỜNG", "duong"),
        ("Chứng thực bản sao từ bản chính", "chung thuc ban sao tu ban chinh"),
        ("  Hộ   tịch ", "ho tich"),
        ("Thủy Nguyên", "thuy nguyen"),
        ("Đặc khu Bạch Long Vĩ", "dac khu bach long vi"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_drops_accents_case_and_maps_d(text, folded):
    assert fold(text) == folded


def test_decomposed_and_composed_forms_fold_alike():
    import unicodedata

    composed = "Kết hôn"
    assert fold(unicodedata.normalize("NFD", composed)) == fold(composed) == "ket hon"


def test_fold_terms_splits_words():
    assert fold_terms("  Đăng  KÝ ") == ["dang", "ky"]


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)
