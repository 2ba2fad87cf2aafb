"""The navigation bar: each entry shows only to users holding its permission.

Entries are URL names and permission strings, so the core needs no import of the apps above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    permission: str | None = None
    staff_only: bool = False


NAVIGATION: list[NavItem] = [
    NavItem(_("Beranda"), "home"),
    NavItem(_("Kompensasi"), "compensation:register", "compensation.view_compensationcase"),
    NavItem(_("SKM/IKM"), "compensation:ikm", "compensation.view_surveyresponse"),
    NavItem(_("Pengaduan"), "compensation:complaints", "compensation.view_complaint"),
    NavItem(_("Admin"), "admin:index", staff_only=True),
]


def nav_for(user: Any, current_path: str) -> list[dict[str, Any]]:
    items = []
    for item in NAVIGATION:
        if item.permission and not user.has_perm(item.permission):
            continue
        if item.staff_only and not user.is_staff:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": item.label, "url": url, "active": active})
    return items
