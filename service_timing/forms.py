from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applicants.forms import DateInput
from applicants.held_sims import REASON_MAX_LENGTH
from applicants.models import Priority, SimClass
from satpas.fields import OfficeDateTimeField
from service_timing.models import Announcement
from service_timing.services import CORRECTABLE_FIELDS


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


FIELD_LABELS = {
    "called_at": _("Waktu dipanggil"),
    "started_at": _("Waktu mulai"),
    "finished_at": _("Waktu selesai"),
}


class CorrectionForm(forms.Form):
    record = forms.IntegerField(widget=forms.HiddenInput)
    field = forms.ChoiceField(
        label=_("Waktu yang dikoreksi"), choices=[(f, FIELD_LABELS[f]) for f in CORRECTABLE_FIELDS]
    )
    value = OfficeDateTimeField(
        label=_("Waktu yang benar"),
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    reason = forms.CharField(label=_("Alasan koreksi"), max_length=250)


class PauseForm(forms.Form):
    started_at = OfficeDateTimeField(
        label=_("Mulai jeda"),
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    ended_at = OfficeDateTimeField(
        label=_("Selesai jeda"),
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Kosongkan bila pemohon belum kembali."),
    )
    reason = forms.CharField(
        label=_("Alasan (disebabkan pemohon)"),
        max_length=250,
        help_text=_("Misalnya: pemohon pulang mengambil dokumen."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault(
                "started_at", timezone.localtime().replace(second=0, microsecond=0)
            )


class PriorityForm(forms.Form):
    """Set or clear an application's priority after registration: with a reason."""

    priority = forms.ChoiceField(
        label=_("Layanan prioritas"), choices=Priority.choices, required=False
    )
    note = forms.CharField(
        label=_("Keterangan prioritas"),
        max_length=100,
        required=False,
        help_text=_("Wajib untuk 'Lainnya' (misalnya: pemohon sakit)."),
    )
    # Kept in the application's history (its change reason holds 100 characters).
    reason = forms.CharField(label=_("Alasan perubahan"), max_length=100)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pembatalan"), max_length=250)


class OutageForm(forms.Form):
    started_at = OfficeDateTimeField(
        label=_("Mulai gangguan"), widget=DateTimeLocalInput(), input_formats=["%Y-%m-%dT%H:%M"]
    )
    ended_at = OfficeDateTimeField(
        label=_("Selesai gangguan"),
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    reason = forms.CharField(label=_("Keterangan"), max_length=250)


class AnnouncementForm(forms.Form):
    text = forms.CharField(
        label=_("Teks berjalan"),
        max_length=Announcement.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Tampil bergulir di bawah layar antrean. Tanpa data pribadi pemohon."),
    )
    shown_from = OfficeDateTimeField(
        label=_("Tampil mulai"),
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M"],
        help_text=_("Kosongkan untuk mulai sekarang."),
    )
    shown_until = OfficeDateTimeField(
        label=_("Tampil sampai"),
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M"],
        help_text=_("Kosongkan bila tampil sampai diakhiri."),
    )


class HeldSimForm(forms.Form):
    """The SIM card handed over at the last stage: its number, for the renewal kiosk."""

    sim_class = forms.ChoiceField(label=_("Golongan SIM"), choices=SimClass.choices)
    number = forms.CharField(
        label=_("Nomor SIM (tertera pada kartu)"),
        max_length=40,
        error_messages={"required": _("Isi nomor SIM yang diserahkan.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    issued_on = forms.DateField(label=_("Tanggal terbit"), widget=DateInput())


class HeldSimCorrectionForm(forms.Form):
    """A supervisor corrects a wrongly recorded SIM number (the reason goes to the history)."""

    held = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.CharField(
        label=_("Nomor SIM yang benar"),
        max_length=40,
        error_messages={"required": _("Isi nomor SIM yang benar.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    reason = forms.CharField(
        label=_("Alasan koreksi"),
        max_length=REASON_MAX_LENGTH,
        error_messages={"required": _("Isi alasan koreksi.")},
    )
