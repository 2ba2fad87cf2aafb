"""The SKM survey: an applicant's answers, and the case a very low score opens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import Application
from compensation.models import (
    CompensationCase,
    Complaint,
    SurveyResponse,
)
from compensation.services.complaints import complaint_create
from compensation.services.handover import case_open_dissatisfied
from compensation.skm import FIELDS
from satpas.models import Unit

Reason = CompensationCase.Reason

# A response this low opens a DISSATISFIED case: any element "tidak baik" (1), or an average
# below 2.60, the lowest value of grade C in PermenPANRB 14/2017's table.
VERY_LOW_AVERAGE = Fraction(260, 100)


def is_very_low(scores: Mapping[str, int]) -> bool:
    values = [scores[field] for field in FIELDS]
    return min(values) <= 1 or Fraction(sum(values), len(values)) < VERY_LOW_AVERAGE


@transaction.atomic
def survey_submit(
    *,
    unit: Unit,
    scores: Mapping[str, int],
    comment: str = "",
    application: Application | None = None,
    channel: str = "QR",
    as_complaint: bool = False,
    now: dt.datetime | None = None,
) -> SurveyResponse:
    """One SKM response (one per application; without a ticket it stays anonymous). A very low
    score with a ticket opens a DISSATISFIED case (compensation, no complaint); the comment
    becomes a complaint only when the applicant asks for it (`as_complaint`)."""
    if as_complaint and not comment.strip():
        raise ValidationError({"comment": _("Tuliskan isi pengaduan Anda pada kolom komentar.")})
    now = now or timezone.now()
    if application is not None and application.unit_id != unit.pk:
        raise ValidationError(_("Tiket ini bukan dari satuan ini."))
    if set(FIELDS) - set(scores):
        raise ValidationError(_("Semua sembilan unsur wajib dinilai."))
    response = SurveyResponse(
        unit=unit,
        application=application,
        submitted_at=now,
        channel=channel,
        comment=comment.strip(),
        **{field: scores[field] for field in FIELDS},
    )
    response.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as exc:
        raise ValidationError(_("Survei untuk tiket ini sudah diisi. Terima kasih.")) from exc
    dissatisfied = is_very_low(scores)
    case = None
    if (
        dissatisfied
        and application is not None
        and not CompensationCase.objects.filter(
            application_id=application.pk, reason=Reason.DISSATISFIED
        ).exists()
    ):
        text = _("Nilai SKM sangat rendah.")
        if response.comment:
            text = f"{text} {response.comment}"
        case, _complaint = case_open_dissatisfied(
            application=application, description=text, channel=Complaint.Channel.SURVEY, now=now
        )
    if as_complaint and response.comment:
        # The applicant chose to make the comment a complaint: it is followed up and may,
        # once substantiated, judge the officer responsible.
        complaint = complaint_create(
            unit=unit,
            channel=Complaint.Channel.SURVEY,
            description=response.comment,
            application=application,
            now=now,
        )
        if case is not None:
            complaint.compensation_case = case
            complaint.save(update_fields=["compensation_case"])
    return response
