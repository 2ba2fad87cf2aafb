from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from evidence.models import ServicePledge

PLEDGE_MAX_CHARS = ServicePledge._meta.get_field("text").max_length or 3000


class PledgeForm(forms.Form):
    text = forms.CharField(
        label=_("Maklumat pelayanan"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=PLEDGE_MAX_CHARS,
        help_text=_("Satu paragraf per baris. Tampil di halaman layanan publik satuan."),
        error_messages={"required": _("Tuliskan isi maklumat pelayanan.")},
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Tuliskan isi maklumat pelayanan."))
        return text
