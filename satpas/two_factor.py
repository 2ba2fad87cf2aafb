"""Two-step sign-in (TOTP, django-otp) for the roles that change rules and decide on people.

When `REQUIRE_2FA` is on, an Admin or a Kasat Lantas who signed in with a password reaches
nothing but these pages until a code from their authenticator app is checked: first they
enrol (QR code), later they type the code after each sign-in. Anyone may enrol voluntarily.
"""

from __future__ import annotations

import binascii
import secrets
import time
from typing import Any

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from satpas.access import SignedInRequest
from satpas.roles import Role, has_role

# The secret being enrolled is kept in the session until a first code proves the app has it.
PENDING_KEY_SESSION_KEY = "satpas_totp_pending_key"
# Pages a user who still owes the second step may open.
OPEN_BEFORE_SECOND_STEP = frozenset(
    {"two_factor_enrol", "two_factor_verify", "logout", "set_language", "login"}
)


def second_step_required(user: Any) -> bool:
    """Does this signed-in user owe a code before using the application?"""
    if not getattr(settings, "REQUIRE_2FA", False) or not user.is_authenticated:
        return False
    if not (user.is_superuser or has_role(user, Role.ADMIN, Role.KASAT)):
        return False
    return not user.is_verified()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Kode 6 angka dari aplikasi autentikator"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("Kode terdiri atas 6 angka."))
        return token


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else "home"


def enrol(request: SignedInRequest) -> HttpResponse:
    """Show a new secret as a QR code; a first valid code saves the device."""
    if user_has_device(request.user) and not request.user.is_verified():
        # A password alone must not add a device next to the one that protects the account.
        return redirect(f"{_url('two_factor_verify')}?next={_next(request)}")
    key = request.session.get(PENDING_KEY_SESSION_KEY)
    if not key:
        key = request.session[PENDING_KEY_SESSION_KEY] = secrets.token_hex(20)
    device = TOTPDevice(user=request.user, name=_("Aplikasi autentikator"), key=key)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Checked without the device's throttle, which would save the device unconfirmed.
        check = TOTP(device.bin_key, device.step, device.t0, device.digits)
        check.time = time.time()
        if check.verify(int(form.cleaned_data["token"]), device.tolerance):
            with transaction.atomic():
                device.confirmed, device.last_t = True, check.t()  # that code is used up
                device.save()
            request.session.pop(PENDING_KEY_SESSION_KEY, None)
            otp_login(request, device)
            messages.success(request, _("Verifikasi dua langkah aktif untuk akun Anda."))
            return redirect(_next(request))
        form.add_error("token", _("Kode tidak cocok. Periksa jam ponsel lalu coba kode baru."))
    secret = _base32(key)
    return render(
        request,
        "registration/two_factor_enrol.html",
        {
            "form": form,
            "qr": segno.make(device.config_url, error="m").svg_inline(scale=4, border=2),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": _next(request),
            "has_device": user_has_device(request.user),
        },
    )


def verify(request: SignedInRequest) -> HttpResponse:
    """The second step after signing in with a password."""
    if not user_has_device(request.user):
        return redirect(f"{_url('two_factor_enrol')}?next={_next(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_next(request))
        form.add_error("token", _("Kode tidak cocok atau sudah dipakai. Tunggu kode berikutnya."))
    return render(
        request, "registration/two_factor_verify.html", {"form": form, "next": _next(request)}
    )


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


def _base32(hex_key: str) -> str:
    import base64

    return base64.b32encode(binascii.unhexlify(hex_key)).decode()
