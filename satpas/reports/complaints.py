"""Complaints: channel, SP4N-LAPOR! reference, state, outcome, and the share handled."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from compensation.models import Complaint
from satpas.evidence.period import Period
from satpas.evidence.registers import complaints as register
from satpas.reports.base import Content, Report
from satpas.reports.forms import PeriodForm, choice


class Form(PeriodForm):
    status = choice(_("Status"), Complaint.Status.choices, all_label=_("Semua status"))
    saluran = choice(_("Saluran"), Complaint.Channel.choices, all_label=_("Semua saluran"))
    terbukti = choice(
        _("Terbukti"),
        [
            (register.SUBSTANTIATED, _("Terbukti")),
            (register.NOT_SUBSTANTIATED, _("Tidak terbukti")),
            (register.UNDECIDED, _("Belum diputuskan")),
        ],
        all_label=_("Semua"),
    )

    def filters(self) -> register.Filters:
        return register.Filters(
            status=self.value("status") or "",
            channel=self.value("saluran") or "",
            substantiated=self.value("terbukti") or "",
        )


def content(period: Period, form: Form) -> Content:
    rows = register.complaints(period, form.filters()).annotate(note_count=Count("notes"))
    return Content(
        rows=rows,
        summary={
            "handling": register.handling(period),
            "per_channel": register.per_channel(period),
        },
    )


REPORT = Report(
    slug="complaints",
    path="pengaduan",
    title=_("Pengaduan"),
    description=_(
        "Pengaduan masyarakat dari setiap saluran (termasuk SP4N-LAPOR!), status, hasil dan tindak lanjutnya, serta persentase yang selesai ditangani."
    ),
    register=register.REGISTER,
    form=Form,
    permissions=("compensation.view_complaint",),
    content=content,
    template="reports/complaints.html",
)
