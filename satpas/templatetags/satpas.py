from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from satpas import privacy
from satpas.roles import primary_role

register = template.Library()


@register.filter
def nik_for(nik: str, user: Any) -> str:
    """{{ applicant.nik|nik_for:request.user }}: the NIK, masked unless the user may see it."""
    return privacy.nik_for(user, nik or "")


@register.filter
def name_for(name: str, user: Any) -> str:
    return privacy.name_for(user, name or "")


@register.filter
def text_for(text: str, user: Any) -> str:
    """{{ complaint.description|text_for:request.user }}: NIKs and phone numbers inside the
    text masked unless the user may see personal data."""
    return privacy.text_for(user, text or "")


@register.simple_tag
def role_label(user: Any) -> str:
    role = primary_role(user)
    return str(role.label) if role else ""


@register.filter
def minutes(value: float | int | None) -> str:
    """Minutes as the counters say them: "75 mnt"; empty for unknown."""
    if value is None:
        return "–"
    return f"{round(value)} {_('mnt')}"
