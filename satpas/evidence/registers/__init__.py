"""The registers of the evidence pack, one module each, in the order they appear."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from satpas.evidence.period import Period
from satpas.evidence.workbook import Sheet


@dataclass(frozen=True)
class Register:
    slug: str  # file name in the pack, without .xlsx
    title: str
    indicator: str  # the LKE indicator it supports (PermenPANRB 90/2021)
    sheets: Callable[[Period], Iterable[Sheet]]


def all_registers() -> list[Register]:
    from satpas.evidence.registers import audit_trail, service_time, standards

    return [standards.REGISTER, service_time.REGISTER, audit_trail.REGISTER]
