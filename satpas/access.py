"""The one door to a unit's data: every view scopes what it reads and writes through here.

The active unit is the user's home unit; a regional auditor may switch to another unit they
are allowed to read. Anything outside the active unit answers 404, so that another unit's
records cannot even be confirmed to exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from satpas.models import Unit

ACTIVE_UNIT_SESSION_KEY = "satpas_active_unit"

M = TypeVar("M", bound=Model)
View = Callable[..., HttpResponse]


def readable_units(user: Any) -> QuerySet[Unit]:
    """Units whose data the user may read: the home unit, plus assigned ones for auditors."""
    if not getattr(user, "is_authenticated", False):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.filter(is_active=True)
    ids = set()
    if user.home_unit_id:
        ids.add(user.home_unit_id)
    if user.has_perm("satpas.switch_unit"):
        ids.update(user.audit_units.values_list("id", flat=True))
    return Unit.objects.filter(id__in=ids, is_active=True)


def resolve_active_unit(request: HttpRequest) -> Unit | None:
    user = request.user
    if not user.is_authenticated:
        return None
    wanted = request.session.get(ACTIVE_UNIT_SESSION_KEY)
    if wanted and wanted != user.home_unit_id:
        unit = readable_units(user).filter(id=wanted).first()
        if unit is not None:
            return unit
        request.session.pop(ACTIVE_UNIT_SESSION_KEY, None)
    if user.home_unit_id:
        # The auth backend loads the home unit with the user: no extra query here.
        return user.home_unit if user.home_unit.is_active else None
    if user.is_superuser:
        return Unit.objects.filter(is_active=True).first()
    return None


def require_unit(request: HttpRequest) -> Unit:
    """The active unit, or 403 for an account not attached to any unit."""
    unit = getattr(request, "unit", None)
    if unit is None:
        raise PermissionDenied(_("Akun Anda belum terhubung ke satuan mana pun."))
    return unit


def scoped(request: HttpRequest, queryset: QuerySet[M], unit_field: str = "unit") -> QuerySet[M]:
    """Only the rows of the request's active unit."""
    return queryset.filter(**{unit_field: require_unit(request)})


def get_in_unit(
    request: HttpRequest, queryset: QuerySet[M], unit_field: str = "unit", **lookups: Any
) -> M:
    """One row of the active unit, or 404 (also for a row of another unit)."""
    try:
        return scoped(request, queryset, unit_field).get(**lookups)
    except (queryset.model.DoesNotExist, queryset.model.MultipleObjectsReturned, ValueError) as exc:
        raise Http404(_("Data tidak ditemukan.")) from exc


def permission_required(*perms: str) -> Callable[[View], View]:
    """403 unless the user holds every permission and belongs to a unit."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perms(perms):
                raise PermissionDenied(_("Anda tidak berwenang membuka halaman ini."))
            require_unit(request)
            return view(request, *args, **kwargs)

        wrapped.required_permissions = perms  # type: ignore[attr-defined]
        return wrapped

    return decorator
