"""The PDF report in the unit's letter format, in the manner of the SOP revision report:
I Pendahuluan, II Dasar, III Pelaksanaan, IV Hasil yang dicapai, V Penutup, and the
signature block of the Kasat Lantas."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from evidence.charts import bar_chart
from evidence.figures import key_figures
from satpas.selectors import UnitPeriod


def render_report(period: UnitPeriod, *, fingerprint: str = "") -> bytes:
    """The PDF; `fingerprint` is the unit key's, printed in every page's footer."""
    from weasyprint import HTML

    figures = key_figures(period)
    context = {
        "unit": period.unit,
        "period": period,
        "figures": figures,
        "fingerprint": fingerprint,
        # Dated the period's last day rather than the day it is printed: the same period then
        # always gives the same document (and the evidence pack the same SHA-256).
        "signed_on": period.end,
        "chart_types": bar_chart(
            [(row["type"], row["share"]) for row in figures["service"]["per_type"]]
        ),
        "chart_ikm": bar_chart(
            [(label, value) for label, value in figures["satisfaction"]["elements"]],
            maximum=4,
            unit="",
            width=520,
            label_width=240,
        )
        if figures["satisfaction"]
        else "",
        "chart_people": bar_chart(
            [
                (row["label"], row["punishments"])
                for row in (figures["people"] or {}).get("per_criterion", [])
            ],
            maximum=max(
                [row["punishments"] for row in (figures["people"] or {}).get("per_criterion", [])]
                or [1]
            ),
            unit="",
            colour="#8b1e1e",
        )
        if figures["people"]
        else "",
    }
    with translation.override("id"):  # the report is an official letter in Indonesian
        html = render_to_string("evidence/report.html", context)
    return HTML(string=html).write_pdf()
