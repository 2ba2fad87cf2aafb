"""Registration at the front counter."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applicants.forms import RegistrationForm, applicant_defaults, elderly_age
from applicants.models import Priority
from applicants.nik import InvalidNik, normalise, parse_nik
from applicants.rules import health_check_reminder
from applicants.selectors import open_application_of, returning_applicant
from applicants.services import application_register, office_date
from satpas.access import UnitRequest, permission_required


@permission_required("applicants.add_application")
def register(request: UnitRequest) -> HttpResponse:
    form = RegistrationForm(request.POST or None, unit=request.unit)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = application_register(
                unit=request.unit,
                registered_by=request.user,
                nik=data["nik"],
                full_name=data["full_name"],
                birth_date=data["birth_date"],
                sex=data["sex"],
                phone=data["phone"],
                application_type=data["application_type"],
                sim_class=data["sim_class"],
                current_sim_class=data["current_sim_class"],
                current_sim_issued_on=data["current_sim_issued_on"],
                current_sim_first_held_on=data["current_sim_first_held_on"],
                retake_of=form.retake_of,
                priority=data["priority"],
                priority_note=data["priority_note"],
            )
        except ValidationError as exc:
            context["open_application"] = open_application_of(
                request.unit, normalise(data["nik"]), day=office_date(request.unit, timezone.now())
            )
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("Terdaftar dengan nomor antrean %(q)s.") % {"q": application.queue_number},
            )
            reminder = health_check_reminder(
                sim_class=application.sim_class,
                birth_date=data["birth_date"],
                service_date=application.service_date,
            )
            if reminder:
                messages.warning(request, reminder)
            return redirect(reverse("service_timing:ticket", args=[application.pk]) + "?cetak=1")
    return render(request, "applicants/register.html", context)


@require_POST
@permission_required("applicants.add_application")
def applicant_lookup(request: UnitRequest) -> HttpResponse:
    """Fill the applicant's fields from the NIK (POST: a NIK never goes into a URL)."""
    nik = normalise(request.POST.get("nik", ""))
    context: dict = {"nik": nik}
    try:
        parse_nik(nik, today=timezone.localdate())
    except InvalidNik as exc:
        context["problem"] = str(exc)
        initial: dict = {}
    else:
        applicant = returning_applicant(request.unit, nik)
        if applicant is not None:
            context["returning"] = True
            context["open_application"] = open_application_of(
                request.unit, nik, day=office_date(request.unit, timezone.now())
            )
            initial = {
                "full_name": applicant.full_name,
                "birth_date": applicant.birth_date,
                "sex": applicant.sex,
                "phone": applicant.phone,
            }
        else:
            defaults = applicant_defaults(nik, timezone.localdate())
            context["province"] = defaults.pop("province")
            initial = defaults
        # The NIK gives the age: from 60 the elderly priority is suggested (the officer may
        # untick it; the applicant may decline).
        age = elderly_age(initial["birth_date"], timezone.localdate())
        if age is not None:
            context["elderly_age"] = age
            initial["priority"] = Priority.ELDERLY
    form = RegistrationForm(initial=initial, unit=request.unit)
    context["form"] = form
    return render(request, "applicants/_applicant_fields.html", context)
