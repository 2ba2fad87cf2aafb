"""Small SVG bar charts for the PDF report (no JavaScript in a PDF)."""

from __future__ import annotations

from html import escape


def _decimal(value: float) -> str:
    """The report is Indonesian: a decimal comma, as in its tables (88,1 not 88.1)."""
    return f"{value:g}".replace(".", ",")


def bar_chart(
    bars: list[tuple[str, float]],
    *,
    maximum: float = 100.0,
    unit: str = "%",
    width: int = 480,
    bar_height: int = 18,
    label_width: int = 170,
    colour: str = "#0b2545",
) -> str:
    """Horizontal bars with their labels and values; an empty chart says so."""
    if not bars:
        return '<p class="muted">Tidak ada data.</p>'
    height = len(bars) * (bar_height + 8) + 8
    room = width - label_width - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="DejaVu Sans" font-size="10">'
    ]
    for index, (label, value) in enumerate(bars):
        y = 8 + index * (bar_height + 8)
        length = 0 if maximum <= 0 else max(0.0, min(1.0, value / maximum)) * room
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height - 5}" text-anchor="end">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 4:.1f}" y="{y + bar_height - 5}">{_decimal(value)}{escape(unit)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
