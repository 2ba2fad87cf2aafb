from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

F = TypeVar("F", bound=forms.Field)


def typed_field(form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """A field of a bound form as the class it was declared with (`form.fields` holds them as
    plain `Field`s), e.g. to set a ModelChoiceField's queryset in `__init__`."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field


class LoginForm(AuthenticationForm):
    """Login by NRP/NIP; messages in the office's language."""

    error_messages = {
        "invalid_login": _(
            "NRP/NIP atau kata sandi salah. Setelah beberapa kali salah, akun dikunci sementara."
        ),
        "inactive": _("Akun ini tidak aktif. Hubungi admin satuan."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("NRP/NIP")
        self.fields["username"].widget = forms.TextInput(
            attrs={"autofocus": True, "inputmode": "numeric", "autocomplete": "username"}
        )
        self.fields["password"].label = _("Kata sandi")
