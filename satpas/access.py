"""The one door to a unit's data: every view scopes what it reads and writes through here.

The active unit is the user's home unit; a regional auditor may switch to another unit they
are allowed to read. Anything outside the active unit answers 404, so that another unit's
records cannot even be confirmed to exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from satpas.models import Unit, User

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    class OtpUser(User):
        """The signed-in user as django-otp's middleware leaves it (django-otp has no types)."""

        def is_verified(self) -> bool: ...


ACTIVE_UNIT_SESSION_KEY = "satpas_active_unit"

# What a visitor may still send while reading another unit: their own session, language and
# account, never the unit's records. URL names, namespaced as in `reverse`.
VISITOR_WRITES = frozenset(
    {
        "login",
        "logout",
        "switch_unit",
        "set_language",
        "password_change",
        "two_factor_enrol",
        "two_factor_verify",
        "admin:login",
        "admin:logout",
    }
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

M = TypeVar("M", bound=Model)
View = Callable[..., HttpResponseBase]  # a page, a file or a stream


class SignedInRequest(HttpRequest):
    """A request of a signed-in user (LoginRequiredMiddleware lets no one else through).

    For annotations only: Django builds plain HttpRequests, the middleware adds the rest."""

    user: OtpUser
    unit: Unit | None  # ActiveUnitMiddleware
    htmx: HtmxDetails  # django-htmx's middleware


class UnitRequest(SignedInRequest):
    """A request that `permission_required` (or `require_unit`) has let through: a signed-in
    user working in an active unit."""

    unit: Unit


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
        home = user.home_unit
        return home if home is not None and home.is_active else None
    if user.is_superuser:
        return Unit.objects.filter(is_active=True).first()
    return None


def is_visiting(request: HttpRequest) -> bool:
    """Is the user reading a unit other than their home unit (a regional read)?"""
    unit = getattr(request, "unit", None)
    user = getattr(request, "user", None)
    if unit is None or user is None or not user.is_authenticated:
        return False
    if user.home_unit_id is None:
        # An account without a home unit (a superuser) visits whatever unit it switched to.
        return request.session.get(ACTIVE_UNIT_SESSION_KEY) == unit.pk
    return unit.pk != user.home_unit_id


def refuse_visitor_write(request: HttpRequest, url_name: str | None) -> None:
    """403 for any write made while visiting another unit, whatever roles the user holds.

    Roles are held in the home unit: reading another unit (regional auditors, Polda staff)
    never lends them there. Checked once for every request by `ReadOnlyVisitMiddleware`.
    """
    if request.method in SAFE_METHODS or url_name in VISITOR_WRITES:
        return
    if is_visiting(request):
        raise PermissionDenied(
            _(
                "Anda sedang membaca data %(unit)s: kunjungan ke satuan lain hanya untuk membaca. "
                "Kembali ke satuan asal Anda untuk mengubah data."
            )
            % {"unit": request.unit.name}  # type: ignore[attr-defined]
        )


def signed_in_user(request: HttpRequest) -> User:
    """The user of a page that only signed-in users reach (the views, the admin)."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied(_("Anda tidak berwenang membuka halaman ini."))
    return user


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
    except (ObjectDoesNotExist, MultipleObjectsReturned, ValueError) as exc:
        raise Http404(_("Data tidak ditemukan.")) from exc


def permission_required(*perms: str) -> Callable[[View], View]:
    """403 unless the user holds every permission and belongs to a unit."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.has_perms(perms):
                raise PermissionDenied(_("Anda tidak berwenang membuka halaman ini."))
            require_unit(request)
            return view(request, *args, **kwargs)

        wrapped.required_permissions = perms  # type: ignore[attr-defined]
        return wrapped

    return decorator
