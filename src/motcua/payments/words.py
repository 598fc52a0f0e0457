"""Amounts in Vietnamese words, as receipts and invoices write them ("Số tiền bằng chữ"): 1.005.000 →
"Một triệu không trăm linh năm nghìn đồng". Groups of three digits read with nghìn, triệu, tỷ (and
nghìn tỷ, triệu tỷ above); inside a number, an empty hundreds is read "không trăm" and a lone unit after
it "linh"; after a ten, 1 is "mốt", 4 "tư", 5 "lăm" (Northern usage, as official receipts print it).
"""

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _triple(n: int, inside: bool) -> str:
    """0 < n < 1000; `inside`: a group preceded by a higher one (so its hundreds are always read)."""
    hundreds, tens, units = n // 100, (n // 10) % 10, n % 10
    words = []
    if hundreds or inside:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words += ["linh", DIGITS[units]]
        elif units:
            words.append(DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else DIGITS[units])
    else:
        words += [DIGITS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(units, DIGITS[units]))
    return " ".join(words)


def number_words(n: int) -> str:
    """A whole number ≥ 0 in lower-case Vietnamese words (ValueError when negative)."""
    n = int(n)
    if n < 0:
        raise ValueError("negative amount")
    if n == 0:
        return "không"
    parts = []
    billions, rest = divmod(n, 10**9)
    if billions:
        parts.append(number_words(billions) + " tỷ")
    inside = bool(billions)
    for value, unit in ((rest // 10**6, "triệu"), ((rest // 1000) % 1000, "nghìn"), (rest % 1000, "")):
        if value:
            parts.append(_triple(value, inside) + (f" {unit}" if unit else ""))
            inside = True
    return " ".join(parts)


def amount_in_words(amount_dong: int) -> str:
    """Integer đồng → "Tám nghìn đồng" (capitalised, as printed after "Số tiền bằng chữ:")."""
    text = number_words(amount_dong) + " đồng"
    return text[0].upper() + text[1:]
