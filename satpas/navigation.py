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
    NavItem(_("Pendaftaran"), "applicants:register", "applicants.add_application"),
    NavItem(_("Loket"), "service_timing:console_pick", "service_timing.log_stage"),
    NavItem(_("Papan layanan"), "service_timing:board", "applicants.view_application"),
    NavItem(_("Permohonan"), "service_timing:applications", "applicants.view_application"),
    NavItem(_("Kompensasi"), "compensation:register", "compensation.view_compensationcase"),
    NavItem(_("SKM/IKM"), "compensation:ikm", "compensation.view_surveyresponse"),
    NavItem(_("Pengaduan"), "compensation:complaints", "compensation.view_complaint"),
    NavItem(_("Dasbor"), "personnel:dashboard", "personnel.view_dashboard"),
    NavItem(_("Pemeriksaan"), "personnel:checks", "personnel.add_attendancecheck"),
    NavItem(_("Jadwal jaga"), "personnel:roster", "personnel.view_dutyshift"),
    NavItem(_("Reward & punishment"), "personnel:adjustments", "personnel.view_scoreadjustment"),
    NavItem(_("Catatan saya"), "personnel:me", "personnel.view_own_record"),
    NavItem(_("Laporan"), "reports:index", "satpas.view_evidencepack"),
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
        items.append({"label": item.label, "url": url, "active": False})
    # The entry whose address is the longest prefix of the page is the current one.
    matches = [
        i
        for i in items
        if current_path == i["url"] or (i["url"] != "/" and current_path.startswith(i["url"]))
    ]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["active"] = True
    return items
