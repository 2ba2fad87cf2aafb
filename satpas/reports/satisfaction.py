"""SKM / IKM: the index per element and per month, the sample, and the anonymous responses."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from compensation.models import SurveyResponse
from satpas.evidence.period import Period
from satpas.evidence.registers import satisfaction as register
from satpas.reports.base import Content, Report
from satpas.reports.forms import PeriodForm, choice


class Form(PeriodForm):
    saluran = choice(
        _("Saluran"),
        SurveyResponse._meta.get_field("channel").choices,
        all_label=_("Semua saluran"),
    )

    def filters(self) -> register.Filters:
        return register.Filters(channel=self.value("saluran") or "")


def content(period: Period, form: Form) -> Content:
    filters = form.filters()
    whole, months = register.results(period, filters)
    return Content(
        rows=register.responses(period, filters).order_by("-submitted_at", "-pk"),
        summary={
            "whole": whole,
            "months": months,
            "chart": {
                "labels": [month.label for month in months],
                "bars": [month.respondents for month in months],
                "line": [float(month.converted) if month.converted else None for month in months],
                "bar_label": str(_("Responden")),
                "line_label": str(_("Nilai IKM (25–100)")),
                "line_max": 100,
            },
        },
    )


REPORT = Report(
    slug="satisfaction",
    path="skm-ikm",
    title=_("SKM / IKM"),
    description=_(
        "Survei kepuasan masyarakat (PermenPANRB 14/2017): NRR per unsur, nilai IKM dan mutu per bulan, sampel minimal dibanding responden, dan respons tanpa identitas."
    ),
    register=register.REGISTER,
    form=Form,
    permissions=("compensation.view_surveyresponse",),
    content=content,
    template="reports/satisfaction.html",
)
