"""The audit trail: who changed which evidence record, when, why, and the old and new values."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from satpas.evidence.period import Period
from satpas.evidence.registers import audit_trail as register
from satpas.reports.base import Content, Report
from satpas.reports.forms import PeriodForm, choice


class Form(PeriodForm):
    data = forms.ChoiceField(label=_("Jenis data"), choices=[], required=False)
    peristiwa = choice(
        _("Peristiwa"),
        [("+", _("dibuat")), ("~", _("diubah")), ("-", _("dihapus"))],
        all_label=_("Semua peristiwa"),
    )
    nomor = forms.IntegerField(label=_("ID data"), min_value=1, required=False)
    oleh = forms.CharField(label=_("NRP/NIP pengubah"), max_length=18, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["data"].choices = [("", _("Semua data")), *register.model_choices()]

    def filters(self) -> register.Filters:
        return register.Filters(
            model=self.value("data") or "",
            event=self.value("peristiwa") or "",
            record_id=self.value("nomor"),
            username=(self.value("oleh") or "").strip(),
        )


def content(period: Period, form: Form) -> Content:
    return Content(
        rows=register.events(period, form.filters()),
        summary={},
        describe=lambda rows: register.describe(rows, period.zone),
    )


REPORT = Report(
    slug="audit_trail",
    path="jejak-audit",
    title=_("Jejak audit"),
    description=_(
        "Riwayat setiap data bukti: siapa membuat, mengubah atau menghapus apa, kapan, dengan alasan apa, serta nilai lama dan baru."
    ),
    register=register.REGISTER,
    form=Form,
    permissions=(),
    content=content,
    template="reports/audit_trail.html",
)
