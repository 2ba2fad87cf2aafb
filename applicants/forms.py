from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applicants.models import (
    ELDERLY_FROM_AGE,
    Application,
    ApplicationType,
    Priority,
    Sex,
    SimClass,
)
from applicants.nik import InvalidNik, age_on, normalise, parse_nik
from applicants.rules import eligibility_problems
from applicants.services import check_identity, check_priority
from satpas.fields import OfficeDateField

TICKET_IN_TEXT = re.compile(r"([0-9a-f]{32})")


def ticket_code_from(text: str) -> str | None:
    """A ticket code from what a scanner typed: the bare code or the status page URL."""
    match = TICKET_IN_TEXT.search((text or "").strip().lower())
    return match.group(1) if match else None


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class RegistrationForm(forms.Form):
    nik = forms.CharField(
        label=_("NIK"),
        max_length=24,
        help_text=_("16 angka sesuai KTP-el. Pemohon lama terisi otomatis."),
        widget=forms.TextInput(
            attrs={"autofocus": True, "inputmode": "numeric", "autocomplete": "off"}
        ),
    )
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    birth_date = OfficeDateField(label=_("Tanggal lahir"), widget=DateInput())
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=Sex.choices)
    phone = forms.RegexField(
        label=_("Nomor HP"),
        regex=r"^\+?[0-9 ]{8,20}$",
        required=False,
        error_messages={"invalid": _("Nomor HP hanya angka (boleh diawali +), 8–20 digit.")},
    )
    application_type = forms.ChoiceField(
        label=_("Jenis permohonan"), choices=ApplicationType.choices, initial=ApplicationType.BARU
    )
    sim_class = forms.ChoiceField(label=_("Golongan SIM"), choices=SimClass.choices)
    current_sim_class = forms.ChoiceField(
        label=_("Golongan SIM yang dimiliki"),
        choices=[("", _("— belum punya —")), *SimClass.choices],
        required=False,
        help_text=_(
            "Untuk perpanjangan, peningkatan, penurunan, perubahan data, hilang/rusak, mutasi."
        ),
    )
    current_sim_issued_on = OfficeDateField(
        label=_("Tanggal terbit SIM yang dimiliki"), required=False, widget=DateInput()
    )
    current_sim_renewed = forms.BooleanField(
        label=_("SIM yang dimiliki sudah pernah diperpanjang"),
        required=False,
        help_text=_("Centang bila kartu SIM ini hasil perpanjangan."),
    )
    current_sim_first_held_on = OfficeDateField(
        label=_("Pertama kali memiliki golongan ini sejak"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Wajib bila SIM sudah diperpanjang: tanggal terbit SIM golongan ini yang pertama. "
            "Masa 12 bulan persyaratan golongan dihitung dari tanggal ini."
        ),
    )
    priority = forms.ChoiceField(
        label=_("Layanan prioritas"),
        choices=Priority.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "UU 25/2009 Pasal 29: lansia, penyandang disabilitas, ibu hamil, atau lainnya "
            "menurut keputusan satuan. Dipanggil lebih dulu sesuai aturan satuan."
        ),
    )
    priority_note = forms.CharField(
        label=_("Keterangan prioritas"),
        max_length=100,
        required=False,
        help_text=_("Wajib untuk 'Lainnya' (misalnya: pemohon sakit)."),
    )
    retake_ticket = forms.CharField(
        label=_("Ujian ulang: tiket sebelumnya"),
        required=False,
        max_length=200,
        help_text=_("Pindai tiket permohonan yang tidak lulus, bila ini ujian ulang."),
    )

    def __init__(self, *args: Any, unit: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.retake_of: Application | None = None

    def clean_nik(self) -> str:
        nik = normalise(self.cleaned_data["nik"])
        try:
            parse_nik(nik, today=timezone.localdate())
        except InvalidNik as exc:
            raise forms.ValidationError(str(exc)) from exc
        return nik

    def clean_retake_ticket(self) -> str:
        text = self.cleaned_data["retake_ticket"]
        if not text:
            return ""
        code = ticket_code_from(text)
        self.retake_of = (
            Application.objects.filter(unit=self.unit, ticket_code=code)
            .select_related("applicant")
            .first()
            if code
            else None
        )
        if self.retake_of is None:
            raise forms.ValidationError(_("Tiket ujian sebelumnya tidak ditemukan di satuan ini."))
        return text

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("current_sim_renewed") and not data.get("current_sim_first_held_on"):
            self.add_error(
                "current_sim_first_held_on",
                _("SIM sudah diperpanjang: isi tanggal pertama kali memiliki golongan ini."),
            )
        if not data.get("current_sim_renewed"):
            # A first card: the class was first held on its issue date.
            data["current_sim_first_held_on"] = None
        if self.errors:
            return data
        today = timezone.localdate()
        problems = check_identity(
            nik=data["nik"], birth_date=data["birth_date"], sex=data["sex"], today=today
        ) or eligibility_problems(
            application_type=data["application_type"],
            sim_class=data["sim_class"],
            birth_date=data["birth_date"],
            service_date=today,
            current_sim_class=data.get("current_sim_class", ""),
            current_sim_issued_on=data.get("current_sim_issued_on"),
            current_sim_first_held_on=data.get("current_sim_first_held_on"),
        )
        problems = problems or check_priority(
            priority=data.get("priority", ""), note=data.get("priority_note", "")
        )
        for field, message in problems.items():
            self.add_error(field if field in self.fields else None, message)
        return data


def applicant_defaults(nik: str, today: dt.date) -> dict[str, Any]:
    facts = parse_nik(nik, today=today)
    return {"birth_date": facts.birth_date, "sex": facts.sex, "province": facts.province}


def elderly_age(birth_date: dt.date, today: dt.date) -> int | None:
    """The applicant's age when it makes them elderly (the form then suggests the priority)."""
    age = age_on(birth_date, today)
    return age if age >= ELDERLY_FROM_AGE else None
