"""The intake's names: what people see is NFC Vietnamese without path, control, format or shell
characters, bounded, with the extension of the detected type; what storage sees is short ASCII."""

import unicodedata

import pytest

from motcua.dossiers import intake


@pytest.mark.parametrize(
    ("sent", "shown", "stored"),
    [
        ("../../etc/passwd", "passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\An\\Tờ khai.PDF", "Tờ khai.pdf", "to-khai.pdf"),
        (unicodedata.normalize("NFD", "Đơn đề nghị.pdf"), "Đơn đề nghị.pdf", "don-de-nghi.pdf"),
        ("giấy\x00tờ\x1b[31m.pdf", "giấy tờ 31m.pdf", "giay-to-31m.pdf"),
        ("hóa đơn\u202efdp.exe", "hóa đơn fdp.pdf", "hoa-don-fdp.pdf"),
        ("$(rm -rf ~);`id`|x&y.pdf", "(rm -rf ) id x y.pdf", "rm-rf-id-x-y.pdf"),
        ("-rf.pdf", "rf.pdf", "rf.pdf"),
        ("...", "tep.pdf", "tep.pdf"),
        ("", "tep.pdf", "tep.pdf"),
    ],
)
def test_names(sent, shown, stored):
    assert intake.display_name(sent, "pdf") == shown
    assert intake.storage_name(sent, "pdf") == stored


def test_a_name_of_200_vietnamese_characters_is_kept_nfc_and_bounded():
    stem = ("Giấy chứng nhận quyền sử dụng đất quyền sở hữu nhà ở " * 5)[:200]
    shown = intake.display_name(unicodedata.normalize("NFD", stem) + ".jpg", "jpeg")
    assert unicodedata.is_normalized("NFC", shown)
    assert shown.endswith(".jpg") and len(shown) <= intake.SHOWN_STEM_MAX + 4
    assert stem.startswith(shown.removesuffix(".jpg"))
    stored = intake.storage_name(stem + ".jpg", "jpeg")
    assert stored.isascii() and len(stored.encode()) <= intake.STORED_STEM_MAX + 4
    assert stored.startswith("giay-chung-nhan-quyen-su-dung-dat")


def test_shown_names_are_stable():
    for sent in ("Tờ khai <đẹp>.pdf", "a.b.c.pdf", "x" * 300 + ".png"):
        once = intake.display_name(sent, "png")
        assert intake.display_name(once, "png") == once
