"""How a finding was reached, in the words shown to the officer, the Kasat and the auditor:
the rule, the policy version and the numbers (allowance, start, finish, minutes over, outage
and pause minutes left out). Built from `Finding.facts`, written when the finding was made."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from personnel import scoring


def _time(value: str | None) -> str:
    if not value:
        return "–"
    return timezone.localtime(dt.datetime.fromisoformat(value)).strftime("%H.%M")


def _minutes(value: Any) -> str:
    return _("%(m)d menit") % {"m": int(value or 0)}


def rule_text(criterion: str, facts: dict[str, Any]) -> str:
    rule = facts.get("rule", "")
    if rule == "case":
        if facts.get("manual_reason"):
            return _("Petugas ditetapkan supervisor atas keterlambatan layanan, dengan alasan.")
        return _(
            "Temuan ketepatan waktu: bagian petugas sendiri (layanan melewati alokasi tahap "
            "ditambah loket menganggur saat pemohon menunggu) melebihi ambang kebijakan."
        )
    if rule == "low_timeliness":
        return _("Bagian tahap tepat waktu sebulan di bawah ambang kebijakan.")
    if criterion == scoring.TIME_DISCIPLINE:
        return _("Kedatangan dibandingkan dengan jadwal jaga dan toleransi kebijakan.")
    return ""


def explanation(finding: Any) -> list[tuple[str, str]]:
    """(label, value) lines, in the order they are read."""
    facts: dict[str, Any] = finding.facts or {}
    lines: list[tuple[str, str]] = []
    text = rule_text(finding.criterion, facts)
    if text:
        lines.append((_("Aturan"), text))
    if facts.get("rule") == "case":
        lines.append(
            (
                _("Permohonan"),
                _("%(q)s tanggal %(date)s: %(over)s di atas standar %(std)s")
                % {
                    "q": facts.get("queue", ""),
                    "date": facts.get("date", ""),
                    "over": _minutes(facts.get("minutes_over")),
                    "std": _minutes(facts.get("standard")),
                },
            )
        )
        if facts.get("stage"):
            lines += [
                (_("Tahap"), str(facts.get("stage_name") or facts["stage"])),
                (
                    _("Alokasi layanan tahap"),
                    _minutes(facts["allowance"]) if facts.get("allowance") is not None else "–",
                ),
                (
                    _("Dipanggil · mulai · selesai"),
                    " · ".join(
                        _time(facts.get(key)) for key in ("called_at", "started_at", "finished_at")
                    ),
                ),
                (_("Lama layanan (dihitung)"), _minutes(facts.get("service"))),
                (_("Layanan melewati alokasi"), _minutes(facts.get("service_over"))),
                (_("Loket menganggur saat pemohon menunggu"), _minutes(facts.get("idle"))),
                (_("Bagian petugas"), _minutes(facts.get("officer_minutes"))),
                (
                    _("Menunggu antrean (kapasitas satuan, tidak dihitung)"),
                    _minutes(facts.get("queue_wait")),
                ),
                (_("Gangguan sistem dikecualikan"), _minutes(facts.get("outage"))),
                (_("Jeda pemohon dikecualikan"), _minutes(facts.get("pause"))),
            ]
        if facts.get("threshold") is not None and not facts.get("manual_reason"):
            lines.append((_("Ambang temuan"), _minutes(facts["threshold"])))
        if facts.get("manual_reason"):
            lines.append(
                (
                    _("Ditetapkan supervisor"),
                    f"{facts.get('manual_by', '')}: {facts['manual_reason']}",
                )
            )
    elif facts.get("rule") == "low_timeliness":
        lines += [
            (_("Tahap dilayani"), str(facts.get("served", 0))),
            (_("Tahap melewati alokasi"), str(facts.get("late", 0))),
            (_("Tepat waktu"), f"{facts.get('share', 0)}%"),
            (
                _("Ambang"),
                _("di bawah %(p)d%%, minimal %(n)d tahap dilayani")
                % {"p": facts.get("below", 0), "n": facts.get("min_served", 0)},
            ),
        ]
    if finding.policy_version:
        lines.append((_("Versi kebijakan"), str(finding.policy_version)))
    return lines
