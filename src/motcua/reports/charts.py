"""Server-side SVG charts (no JavaScript, no chart library): a line chart for trends and horizontal
bars for rankings. Output is markup safe to embed (`mark_safe`): every label is escaped here.
The SVGs scale to their container (viewBox, width 100%) so they read on a 360 px phone."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BRAND = "#0b5394"
ACCENT = "#b45309"


def line_chart(
    labels: list[str],
    series: list[tuple[str, list[float | None], str]],
    *,
    maximum: float,
    title: str,
    unit: str = "",
) -> SafeString:
    """A line chart: `series` = [(name, values (None = no data), colour)], y from 0 to `maximum`."""
    width, height, left, right, top, bottom = 640, 240, 40, 24, 28, 36
    n = max(1, len(labels))
    step = (width - left - right) / max(1, n - 1)

    def x(i):
        return left + i * step if n > 1 else (width + left - right) / 2

    def y(v):
        return top + (height - top - bottom) * (1 - (v / maximum if maximum else 0))

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for frac in (0, 0.25, 0.5, 0.75, 1):
        gy = y(maximum * frac)
        parts.append(f'<line x1="{left}" y1="{gy:.1f}" x2="{width - right}" y2="{gy:.1f}" stroke="#ddd"/>')
        parts.append(
            f'<text x="{left - 4}" y="{gy + 4:.1f}" font-size="11" text-anchor="end" fill="#555">'
            f"{maximum * frac:g}{escape(unit)}</text>"
        )
    every = max(1, n // 8)
    for i, label in enumerate(labels):
        if i % every == 0 or i == n - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{height - bottom + 16}" font-size="11" text-anchor="middle" '
                f'fill="#555">{escape(label)}</text>'
            )
    for k, (name, values, colour) in enumerate(series):
        points = [(x(i), y(v)) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" points="{path}"/>')
        for (px, py), v in zip(points, [v for v in values if v is not None], strict=True):
            parts.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{colour}"><title>{escape(name)}: '
                f"{v:g}{escape(unit)}</title></circle>"
            )
        parts.append(
            f'<rect x="{left + k * 190}" y="6" width="12" height="12" fill="{colour}"/>'
            f'<text x="{left + 16 + k * 190}" y="16" font-size="12" fill="#222">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def bar_chart(
    rows: list[tuple[str, float, str]], *, maximum: float, title: str, unit: str = ""
) -> SafeString:
    """Horizontal bars: rows = [(label, value, href or "")], longest label cut at 38 characters."""
    row_h, left, width = 26, 230, 640
    height = 10 + row_h * max(1, len(rows))
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for i, (label, value, href) in enumerate(rows):
        top = 5 + i * row_h
        length = (width - left - 60) * (value / maximum if maximum else 0)
        short = label if len(label) <= 38 else label[:37] + "…"
        text = (
            f'<text x="{left - 6}" y="{top + 16}" font-size="12" text-anchor="end" fill="#222">'
            f"<title>{escape(label)}</title>{escape(short)}</text>"
        )
        if href:
            text = f'<a href="{escape(href)}">{text}</a>'
        colour = ACCENT if maximum and value / maximum < 0.8 else BRAND
        parts.append(text)
        parts.append(
            f'<rect x="{left}" y="{top + 4}" width="{max(1.0, length):.1f}" height="16" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{left + length + 6:.1f}" y="{top + 16}" font-size="12" fill="#222">'
            f"{value:g}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
