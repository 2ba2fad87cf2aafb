from __future__ import annotations

from applicants.models import Applicant
from satpas.models import Unit


def returning_applicant(unit: Unit, nik: str) -> Applicant | None:
    return Applicant.objects.filter(unit=unit, nik=nik).first()
