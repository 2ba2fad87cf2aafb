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
    # Items of the same group share a dropdown in the bar (when more than one is visible).
    group: str | Promise | None = None


SERVICE = _("Layanan")
COMPENSATION = _("Kompensasi & SKM")
PEOPLE = _("Personel")

NAVIGATION: list[NavItem] = [
    NavItem(_("Beranda"), "home"),
    NavItem(_("Pendaftaran"), "applicants:register", "applicants.add_application", group=SERVICE),
    NavItem(_("Loket"), "service_timing:console_pick", "service_timing.log_stage", group=SERVICE),
    NavItem(
        _("Papan layanan"), "service_timing:board", "applicants.view_application", group=SERVICE
    ),
    NavItem(
        _("Permohonan"), "service_timing:applications", "applicants.view_application", group=SERVICE
    ),
    NavItem(_("Layanan publik"), "public:pledge", "evidence.change_servicepledge", group=SERVICE),
    NavItem(
        _("Register kompensasi"),
        "compensation:register",
        "compensation.view_compensationcase",
        group=COMPENSATION,
    ),
    NavItem(
        _("SKM/IKM"), "compensation:ikm", "compensation.view_surveyresponse", group=COMPENSATION
    ),
    NavItem(
        _("Pengaduan"), "compensation:complaints", "compensation.view_complaint", group=COMPENSATION
    ),
    NavItem(_("Dasbor"), "personnel:dashboard", "personnel.view_dashboard", group=PEOPLE),
    NavItem(_("Pemeriksaan"), "personnel:checks", "personnel.add_attendancecheck", group=PEOPLE),
    NavItem(_("Jadwal jaga"), "personnel:roster", "personnel.view_dutyshift", group=PEOPLE),
    NavItem(_("Rencana kapasitas"), "capacity:plans", "evidence.plan_capacity", group=PEOPLE),
    NavItem(
        _("Reward & punishment"),
        "personnel:adjustments",
        "personnel.view_scoreadjustment",
        group=PEOPLE,
    ),
    NavItem(_("Catatan saya"), "personnel:me", "personnel.view_own_record", group=PEOPLE),
    NavItem(_("Laporan & bukti ZI"), "reports:index", "evidence.view_evidencepack"),
    NavItem(_("Wilayah"), "reports:regional", "satpas.view_regional"),
    NavItem(_("Admin"), "admin:index", staff_only=True),
]


def nav_for(user: Any, current_path: str) -> list[dict[str, Any]]:
    """The bar for this user: single links and dropdown groups, the current page marked."""
    items: list[dict[str, Any]] = []
    for item in NAVIGATION:
        if item.permission and not user.has_perm(item.permission):
            continue
        if item.staff_only and not user.is_staff:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "active": False, "group": item.group})
    # The entry whose address is the longest prefix of the page is the current one.
    matches = [
        i
        for i in items
        if current_path == i["url"] or (i["url"] != "/" and current_path.startswith(i["url"]))
    ]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["active"] = True
    bar: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
    for link in items:
        group = link["group"]
        if group is None:
            bar.append(link)
            continue
        if str(group) not in groups:
            groups[str(group)] = {"label": group, "children": [], "active": False}
            bar.append(groups[str(group)])
        groups[str(group)]["children"].append(link)
        groups[str(group)]["active"] |= link["active"]
    # A group with a single visible entry is shown as that entry.
    return [
        entry["children"][0] if "children" in entry and len(entry["children"]) == 1 else entry
        for entry in bar
    ]
