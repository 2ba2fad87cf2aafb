from __future__ import annotations

from django.utils import translation

from satpas.templatetags.satpas import minutes


def test_minutes_read_in_the_pages_language() -> None:
    assert minutes(75) == "75 mnt"
    with translation.override("en"):
        assert minutes(75) == "75 min"
    assert minutes(None) == "–"
