"""The waiting-room poster: the unit's name, a QR code of its public page's address and the
address written out, as an A4 PDF (WeasyPrint, as the unit's reports)."""

from __future__ import annotations

import segno
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from evidence.public import cache as parts
from satpas.models import Unit


def render_poster(unit: Unit, url: str) -> bytes:
    from weasyprint import HTML

    qr = segno.make(url, error="m").svg_inline(scale=10, border=2, omitsize=True)
    with translation.override("id"):  # an official notice, in Indonesian
        html = render_to_string("evidence/public/poster.html", {"unit": unit, "url": url, "qr": qr})
    return HTML(string=html).write_pdf()


def cached_poster(unit: Unit, url: str) -> bytes:
    """The poster, rendered once per unit and address (a PDF takes a few hundred ms); a
    change of the unit drops it (`evidence.public.receivers`)."""
    key = parts.poster_key(unit.code)
    kept = cache.get(key)
    if kept is not None and kept[0] == url:
        return kept[1]
    pdf = render_poster(unit, url)
    cache.set(key, (url, pdf), parts.POSTER_SECONDS)
    return pdf
