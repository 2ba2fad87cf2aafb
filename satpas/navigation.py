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
    NavItem(_("Dasbor"), "personnel:dashboard", "personnel.view_dashboard"),
    NavItem(_("Pemeriksaan"), "personnel:checks", "personnel.add_attendancecheck"),
    NavItem(_("Jadwal jaga"), "personnel:roster", "personnel.view_dutyshift"),
    NavItem(_("Reward & punishment"), "personnel:adjustments", "personnel.view_scoreadjustment"),
    NavItem(_("Catatan saya"), "personnel:me", "personnel.view_own_record"),
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
