"""Every band of the heat maps keeps its text readable: contrast of at least 4.5:1 (WCAG AA)
between each band's background and text colour in the stylesheet."""

from __future__ import annotations

import re
from pathlib import Path

STYLESHEET = Path(__file__).resolve().parents[2] / "static" / "satpas" / "app.css"
RULE = re.compile(
    r"\.heat-(?P<band>\d)\s*\{[^}]*?background-color:\s*(?P<bg>#[0-9a-f]{6});"
    r"\s*color:\s*(?P<fg>#[0-9a-f]{6});",
    re.IGNORECASE,
)


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_helper_knows_black_on_white() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert contrast("#777777", "#ffffff") < 4.5


def test_every_band_has_text_of_at_least_4_5_to_1() -> None:
    bands = {m["band"]: (m["bg"], m["fg"]) for m in RULE.finditer(STYLESHEET.read_text())}
    assert sorted(bands) == ["0", "1", "2", "3", "4"]
    for band, (background, text) in bands.items():
        assert contrast(background, text) >= 4.5, f"band {band}: {text} on {background}"
