"""Forms of the compensation pages; the services check everything again."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from compensation.models import CompensationItem, Complaint
from compensation.skm import ELEMENTS
from satpas import periods, querystrings
from satpas.fields import OfficeDateField, OfficeDateTimeField
from satpas.forms import typed_field
from satpas.models import User
from satpas.photos import PHOTO_HELP_TEXT, check_photo

MONTHS = [
    (1, _("Januari")),
    (2, _("Februari")),
    (3, _("Maret")),
    (4, _("April")),
    (5, _("Mei")),
    (6, _("Juni")),
    (7, _("Juli")),
    (8, _("Agustus")),
    (9, _("September")),
    (10, _("Oktober")),
    (11, _("November")),
    (12, _("Desember")),
]


class PeriodForm(forms.Form):
    """Month, quarter or year of the office calendar (GET filters)."""

    MONTH, QUARTER, YEAR = querystrings.MONTH, querystrings.QUARTER, querystrings.YEAR
    KINDS = [
        (MONTH, _("Bulan")),
        (QUARTER, _("Triwulan")),
        (YEAR, _("Tahun")),
    ]
    periode = forms.ChoiceField(label=_("Periode"), choices=KINDS, required=False)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100, required=False)
    bulan = forms.TypedChoiceField(
        label=_("Bulan"), choices=MONTHS, coerce=int, required=False, empty_value=None
    )
    triwulan = forms.TypedChoiceField(
        label=_("Triwulan"),
        choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")],
        coerce=int,
        required=False,
        empty_value=None,
    )

    allow_all = False

    def __init__(self, *args: Any, today: dt.date, zone: ZoneInfo, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "periode": "" if self.allow_all else self.MONTH,
                "tahun": today.year,
                "bulan": today.month,
                "triwulan": (today.month - 1) // 3 + 1,
            },
        )
        super().__init__(*args, **kwargs)
        self.today, self.zone = today, zone
        if self.allow_all:
            typed_field(self, "periode", forms.ChoiceField).choices = [
                ("", _("Semua periode")),
                *self.KINDS,
            ]
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select form-select-sm"
            else:
                field.widget.attrs["class"] = "form-control form-control-sm"
        self.fields["tahun"].widget.attrs["placeholder"] = str(today.year)

    def period(self) -> periods.Period | None:
        """The chosen period; when nothing (valid) was chosen, all periods where the form
        allows it (a register must not hide old open cases), else the current month."""
        data = self.cleaned_data if self.is_valid() else {}
        kind = data.get("periode") or ("" if self.allow_all else self.MONTH)
        if not kind:
            return None
        year = data.get("tahun") or self.today.year
        if kind == self.YEAR:
            return periods.year(year, self.zone)
        if kind == self.QUARTER:
            quarter = data.get("triwulan") or (self.today.month - 1) // 3 + 1
            return periods.quarter(year, quarter, self.zone)
        return periods.month(year, data.get("bulan") or self.today.month, self.zone)


class RegisterPeriodForm(PeriodForm):
    """The period of a register or a list: all of them unless one is chosen (the filters
    beside it are the FilterSets' of `compensation.filters`)."""

    allow_all = True


class GiveForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("Barang yang diberikan (pilihan pemohon)"),
        queryset=CompensationItem.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Pilih barang yang diberikan.")},
    )
    acknowledged = forms.BooleanField(
        label=_("Pemohon menyatakan telah menerima kompensasi"),
        error_messages={"required": _("Pemohon harus menyatakan telah menerima kompensasi.")},
    )
    note = forms.CharField(label=_("Catatan"), max_length=250, required=False)
    photo = forms.ImageField(
        label=_("Foto penyerahan (opsional)"),
        required=False,
        validators=[check_photo],
        help_text=PHOTO_HELP_TEXT,
    )

    def __init__(self, *args: Any, items: list[CompensationItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = typed_field(self, "item", forms.ModelChoiceField)
        field.queryset = CompensationItem.objects.filter(
            pk__in=[item.pk for item in items]
        ).order_by("name")
        field.choices = [(item.pk, item.name) for item in items]


class DeclineForm(forms.Form):
    note = forms.CharField(label=_("Catatan (opsional)"), max_length=250, required=False)


class WaiveForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pembebasan"),
        max_length=250,
        error_messages={"required": _("Alasan pembebasan wajib diisi.")},
    )


class DissatisfiedForm(forms.Form):
    description = forms.CharField(
        label=_("Apa yang membuat pemohon kurang puas?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=250,
    )
    complaint = forms.CharField(
        label=_("Pengaduan tertulis pemohon (bila pemohon mengadu)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_(
            "Kurang puas saja tidak menjadi pengaduan. Isi hanya bila pemohon menyampaikan "
            "pengaduan; pengaduan ditindaklanjuti dan baru menjadi temuan petugas bila terbukti."
        ),
    )


class AttributeForm(forms.Form):
    officer: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Petugas"), queryset=None
    )
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=250,
        error_messages={"required": _("Alasan penetapan petugas wajib diisi.")},
    )

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "officer", forms.ModelChoiceField).queryset = officers


class StockReceiveForm(forms.Form):
    item: forms.ModelChoiceField[CompensationItem] = forms.ModelChoiceField(
        label=_("Barang"), queryset=None
    )
    quantity = forms.IntegerField(label=_("Jumlah diterima"), min_value=1)
    supplied_by: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Disediakan oleh petugas (sanksi SOP)"),
        queryset=None,
        required=False,
        help_text=_("Isi bila barang disediakan petugas sebagai sanksi, sesuai SOP."),
    )
    note = forms.CharField(label=_("Keterangan"), max_length=250, required=False)

    def __init__(self, *args: Any, items: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "item", forms.ModelChoiceField).queryset = items
        typed_field(self, "supplied_by", forms.ModelChoiceField).queryset = officers


class StockAdjustForm(forms.Form):
    item: forms.ModelChoiceField[CompensationItem] = forms.ModelChoiceField(
        label=_("Barang"), queryset=None
    )
    quantity = forms.IntegerField(
        label=_("Penyesuaian (+/−)"), help_text=_("Negatif bila stok fisik lebih sedikit.")
    )
    note = forms.CharField(
        label=_("Keterangan"),
        max_length=250,
        error_messages={"required": _("Keterangan penyesuaian wajib diisi.")},
    )

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "item", forms.ModelChoiceField).queryset = items

    def clean_quantity(self) -> int:
        quantity = self.cleaned_data["quantity"]
        if quantity == 0:
            raise forms.ValidationError(_("Penyesuaian tidak boleh nol."))
        return quantity


class SurveyForm(forms.Form):
    """The nine SKM elements, each scored 1–4 with the rule's wording."""

    comment = forms.CharField(
        label=_("Saran / komentar (opsional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    as_complaint = forms.BooleanField(
        label=_("Jadikan komentar saya pengaduan yang ditindaklanjuti"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for element in ELEMENTS:
            self.fields[element.field] = forms.TypedChoiceField(
                label=element.question,
                choices=[(score, answer) for score, answer in enumerate(element.answers, 1)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih salah satu jawaban.")},
            )
        # The comment comes last.
        self.order_fields([element.field for element in ELEMENTS] + ["comment", "as_complaint"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("as_complaint") and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Tuliskan isi pengaduan Anda pada kolom komentar."))
        return data

    def element_fields(self) -> list[tuple[Any, Any]]:
        return [(element, self[element.field]) for element in ELEMENTS]

    def scores(self) -> dict[str, int]:
        return {element.field: self.cleaned_data[element.field] for element in ELEMENTS}


class KioskTicketForm(forms.Form):
    ticket_code = forms.CharField(
        label=_("Pindai atau ketik kode tiket"),
        max_length=200,  # a scanner reading the QR types the whole status URL
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )


class ComplaintForm(forms.Form):
    channel = forms.ChoiceField(label=_("Saluran"), choices=Complaint.Channel.choices)
    lapor_reference = forms.CharField(
        label=_("Nomor tiket SP4N-LAPOR!"), max_length=40, required=False
    )
    received_at = OfficeDateTimeField(
        label=_("Diterima pada"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Kosongkan bila diterima sekarang."),
    )
    description = forms.CharField(
        label=_("Isi pengaduan"), widget=forms.Textarea(attrs={"rows": 4})
    )
    queue_number = forms.CharField(
        label=_("Nomor antrean pemohon (opsional)"),
        max_length=8,
        required=False,
        help_text=_("Nomor antrean hari layanan, misalnya B-012."),
    )
    service_date = OfficeDateField(
        label=_("Tanggal layanan"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    about_officer: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Petugas yang diadukan (opsional)"),
        queryset=None,
        required=False,
    )

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "about_officer", forms.ModelChoiceField).queryset = officers

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("channel") == Complaint.Channel.LAPOR and not data.get("lapor_reference"):
            self.add_error(
                "lapor_reference", _("Nomor tiket SP4N-LAPOR! wajib diisi untuk saluran ini.")
            )
        if data.get("queue_number") and not data.get("service_date"):
            self.add_error("service_date", _("Isi tanggal layanan untuk nomor antrean ini."))
        return data


class ComplaintNoteForm(forms.Form):
    text = forms.CharField(label=_("Tindak lanjut"), widget=forms.Textarea(attrs={"rows": 3}))


class ComplaintCloseForm(forms.Form):
    substantiated = forms.TypedChoiceField(
        label=_("Hasil pemeriksaan"),
        choices=[("1", _("Terbukti")), ("0", _("Tidak terbukti"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    about_officer: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Petugas yang bertanggung jawab"),
        queryset=None,
        required=False,
        help_text=_(
            "Hanya petugas yang melayani permohonan ini atau berjaga di loketnya hari itu. Bila "
            "terbukti, temuan ini masuk ke penilaian petugas."
        ),
    )
    conclusion = forms.CharField(
        label=_("Kesimpulan penanganan"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "about_officer", forms.ModelChoiceField).queryset = officers
