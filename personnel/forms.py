"""Forms of personnel. Check forms are built for a phone: big controls, one column."""

from __future__ import annotations

import datetime as dt
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from personnel.models import (
    AppearanceCheck,
    AttendanceCheck,
    CleanlinessCheck,
    DisciplinaryReferral,
    DutyShift,
    Officer,
    ProfessionalismAssessment,
    RewardRule,
    ScorePolicy,
    Severity,
)
from personnel.photos import validate_photo
from satpas import periods
from satpas.fields import OfficeDateField
from satpas.forms import typed_field
from satpas.meta import model_field
from satpas.photos import PHOTO_HELP_TEXT
from service_timing.models import ServicePoint

SCORE_CHOICES = [
    (4, _("4 · Sangat baik")),
    (3, _("3 · Baik")),
    (2, _("2 · Kurang baik")),
    (1, _("1 · Tidak baik")),
]


def _sentence(label: object) -> str:
    text = str(label)
    return text[:1].upper() + text[1:]


def _helper(label: str, *, css: str = "btn btn-satpas btn-lg w-100") -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.add_input(Submit("submit", label, css_class=css))
    return helper


class PeriodForm(forms.Form):
    """?periode=YYYY-MM on the ledger pages."""

    periode = forms.CharField(required=False)

    def period(self, default: dt.date) -> dt.date:
        if self.is_valid() and self.cleaned_data["periode"]:
            try:
                return periods.parse_month(self.cleaned_data["periode"])
            except ValueError:
                pass
        return default


class ShiftForm(forms.Form):
    officer = forms.ModelChoiceField(queryset=Officer.objects.none(), label=_("Petugas"))
    date = OfficeDateField(
        label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    shift = forms.ChoiceField(label=_("Sif"), choices=DutyShift.Shift.choices)
    service_point = forms.ModelChoiceField(queryset=ServicePoint.objects.none(), label=_("Loket"))
    starts_at = forms.TimeField(
        label=_("Jam mulai"),
        initial=dt.time(8),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    ends_at = forms.TimeField(
        label=_("Jam selesai"),
        initial=dt.time(15),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def __init__(self, *args: Any, unit: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "officer", forms.ModelChoiceField).queryset = Officer.objects.filter(
            unit=unit, is_active=True
        )
        typed_field(
            self, "service_point", forms.ModelChoiceField
        ).queryset = ServicePoint.objects.filter(unit=unit, is_active=True)
        self.helper = _helper(str(_("Simpan jadwal")))


class RosterImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas jadwal (CSV atau Excel .xlsx)"),
        help_text=_(
            "Kolom: tanggal (YYYY-MM-DD), nrp_nip, loket (nomor), sif (PAGI/SIANG/PENUH), "
            "mulai (HH:MM), selesai (HH:MM)."
        ),
    )

    MAX_BYTES = 1024 * 1024

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise ValidationError(_("Gunakan berkas .csv atau .xlsx."))
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("Berkas terlalu besar (maksimal 1 MB)."))
        return upload


class AttendanceForm(forms.Form):
    # "1" and "0" (present, absent) are observations; the leave and other-duty types are not
    # findings and need a note.
    present = forms.ChoiceField(
        label=_("Kehadiran"),
        choices=[
            ("1", _("Hadir")),
            ("0", _("Tidak hadir tanpa keterangan")),
            *[
                (status, label)
                for status, label in AttendanceCheck.Status.choices
                if status in AttendanceCheck.LEAVE
            ],
        ],
        initial="1",
        widget=forms.RadioSelect,
        help_text=_(
            "Izin, sakit, cuti, dinas luar / tugas lain dan lepas piket bukan temuan; isi "
            "keterangannya."
        ),
    )
    arrived_at = forms.TimeField(
        label=_("Jam datang"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Jam kedatangan menurut pengamatan Anda (waktu kantor)."),
    )
    note = forms.CharField(label=_("Catatan"), required=False, max_length=250)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(str(_("Simpan kehadiran")))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("present") == "1" and not data.get("arrived_at"):
            self.add_error("arrived_at", _("Isi jam datang."))
        if data.get("present") in AttendanceCheck.LEAVE and not data.get("note", "").strip():
            self.add_error(
                "note",
                _("Isi keterangan (misalnya nomor surat izin, surat sakit, cuti atau sprin)."),
            )
        return data

    def status(self) -> str:
        chosen = self.cleaned_data["present"]
        if chosen == "1":
            return AttendanceCheck.Status.PRESENT
        if chosen == "0":
            return AttendanceCheck.Status.ABSENT
        return chosen


class DepartureForm(forms.Form):
    left_at = forms.TimeField(
        label=_("Jam pulang"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Jam petugas meninggalkan loket menurut pengamatan Anda (waktu kantor)."),
    )
    note = forms.CharField(label=_("Catatan"), required=False, max_length=120)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(str(_("Simpan jam pulang")))


class _PhotoMixin(forms.Form):
    photo = forms.ImageField(
        label=_("Foto (opsional)"),
        required=False,
        validators=[validate_photo],
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        help_text=PHOTO_HELP_TEXT,
        error_messages={
            "invalid_image": _(
                "Berkas ini bukan foto yang dapat dibaca. Gunakan JPG, PNG atau WebP."
            )
        },
    )


def _severity_when_failed(form: forms.Form, failed: bool) -> None:
    """The severity matters only when an item failed: required then, ignored otherwise."""
    if not failed:
        form.cleaned_data["severity"] = Severity.RINGAN
    elif not form.cleaned_data.get("severity"):
        form.add_error("severity", _("Pilih tingkat pelanggaran untuk yang tidak memenuhi."))


class _ItemCheckForm(_PhotoMixin):
    """A check of named items (appearance, cleanliness): each item passes or fails; with
    `with_notes`, each item has its own note."""

    model: type[AppearanceCheck] | type[CleanlinessCheck]
    with_notes = False

    checked_on = OfficeDateField(
        label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    severity = forms.ChoiceField(
        label=_("Tingkat pelanggaran bila ada yang tidak memenuhi"),
        choices=Severity.choices,
        initial=Severity.RINGAN,
        required=False,  # asked only when something failed (see _severity_when_failed)
    )
    note = forms.CharField(label=_("Catatan"), required=False, max_length=250)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        order = ["checked_on"]
        for item in self.model.ITEMS:
            label = model_field(self.model, f"{item}_ok").verbose_name
            self.fields[f"{item}_ok"] = forms.TypedChoiceField(
                label=_sentence(label),
                choices=[("1", _("Memenuhi")), ("0", _("Tidak memenuhi"))],
                coerce=lambda value: value == "1",
                initial="1",
                widget=forms.RadioSelect(attrs={"class": "check-toggle"}),
            )
            order.append(f"{item}_ok")
            if self.with_notes:
                self.fields[f"{item}_note"] = forms.CharField(
                    label=_("Catatan"), required=False, max_length=120
                )
                order.append(f"{item}_note")
        self.order_fields([*order, "severity", "photo", "note"])
        self.helper = _helper(str(_("Simpan pemeriksaan")))

    def results(self) -> dict[str, bool]:
        return {item: self.cleaned_data[f"{item}_ok"] for item in self.model.ITEMS}

    def notes(self) -> dict[str, str] | None:
        if not self.with_notes:
            return None
        return {item: self.cleaned_data[f"{item}_note"] for item in self.model.ITEMS}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        _severity_when_failed(
            self, any(data.get(f"{item}_ok") is False for item in self.model.ITEMS)
        )
        return data


class AppearanceForm(_ItemCheckForm):
    model = AppearanceCheck
    with_notes = True

    note = forms.CharField(label=_("Catatan umum"), required=False, max_length=250)


class ProfessionalismForm(forms.Form):
    checked_on = OfficeDateField(
        label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    severity = forms.ChoiceField(
        label=_("Tingkat pelanggaran bila ada aspek bernilai 1"),
        choices=Severity.choices,
        initial=Severity.RINGAN,
        required=False,  # asked only when something failed (see _severity_when_failed)
        help_text=_(
            "Berat: disengaja dan menguntungkan diri (mis. pungutan liar); dirujuk ke sidang disiplin, tanpa poin."
        ),
    )
    note = forms.CharField(label=_("Catatan"), required=False, max_length=250)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for aspect in ProfessionalismAssessment.ASPECTS:
            label = model_field(ProfessionalismAssessment, aspect).verbose_name
            self.fields[aspect] = forms.TypedChoiceField(
                label=_sentence(label),
                choices=SCORE_CHOICES,
                coerce=int,
                initial=3,
            )
        self.order_fields(["checked_on", *ProfessionalismAssessment.ASPECTS, "severity", "note"])
        self.helper = _helper(str(_("Simpan penilaian")))

    def scores(self) -> dict[str, int]:
        return {aspect: self.cleaned_data[aspect] for aspect in ProfessionalismAssessment.ASPECTS}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        _severity_when_failed(
            self, any(data.get(aspect) == 1 for aspect in ProfessionalismAssessment.ASPECTS)
        )
        return data


class CleanlinessForm(_ItemCheckForm):
    model = CleanlinessCheck


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("1", _("Setujui")), ("0", _("Tolak"))], coerce=lambda value: value == "1"
    )
    reason = forms.CharField(label=_("Alasan"), required=False, max_length=250)


class BulkDecisionForm(DecisionForm):
    ids = forms.TypedMultipleChoiceField(coerce=int, label=_("Usulan"))

    def __init__(self, *args: Any, choices: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "ids", forms.TypedMultipleChoiceField).choices = [
            (pk, pk) for pk in choices
        ]
        self.fields["ids"].error_messages["required"] = _("Pilih minimal satu usulan.")


class PolicyForm(forms.ModelForm):
    class Meta:
        model = ScorePolicy
        fields = [
            "lateness_tolerance_minutes",
            "time_discipline_points",
            "appearance_points",
            "professionalism_points",
            "service_timeliness_points",
            "cleanliness_points",
            "user_rating_points",
            "medium_factor",
            "service_overrun_threshold_minutes",
            "low_timeliness_share_percent",
            "low_timeliness_min_served",
            "objection_days",
        ]


class RewardRuleForm(forms.ModelForm):
    class Meta:
        model = RewardRule
        fields = [
            "is_active",
            "points",
            "min_duty_days",
            "min_checks",
            "min_share_percent",
            "min_served",
        ]


class ReferralForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=DisciplinaryReferral.Status.choices)
    decision = forms.CharField(
        label=_("Putusan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib saat status Diputus, misalnya: teguran tertulis."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(str(_("Simpan")), css="btn btn-satpas")


class RecognitionForm(forms.Form):
    officer = forms.ModelChoiceField(queryset=Officer.objects.none(), label=_("Petugas"))
    position = forms.TypedChoiceField(
        label=_("Peringkat"), choices=[(1, "1"), (2, "2"), (3, "3")], coerce=int
    )
    citation = forms.CharField(
        label=_("Alasan penghargaan"),
        max_length=250,
        initial=_("Disiplin, profesional dan melayani pemohon SIM tepat waktu"),
    )

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "officer", forms.ModelChoiceField).queryset = officers
        self.helper = _helper(str(_("Tetapkan petugas teladan")), css="btn btn-satpas")


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan keberatan"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ObjectionDecisionForm(forms.Form):
    annul = forms.TypedChoiceField(
        choices=[("1", _("Kabulkan (batalkan temuan)")), ("0", _("Tolak (temuan tetap)"))],
        coerce=lambda value: value == "1",
    )
    reason = forms.CharField(label=_("Alasan keputusan"), max_length=250)
