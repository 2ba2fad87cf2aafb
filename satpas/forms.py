from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Login by NRP/NIP; messages in the office's language."""

    error_messages = {
        "invalid_login": _(
            "NRP/NIP atau kata sandi salah. Setelah beberapa kali salah, akun dikunci sementara."
        ),
        "inactive": _("Akun ini tidak aktif. Hubungi admin satuan."),
    }

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("NRP/NIP")
        self.fields["username"].widget = forms.TextInput(
            attrs={"autofocus": True, "inputmode": "numeric", "autocomplete": "username"}
        )
        self.fields["password"].label = _("Kata sandi")
