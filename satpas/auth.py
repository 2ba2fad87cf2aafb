"""Authentication backend tuned for the counters: few queries per request."""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q, Sum
from django.db.models.expressions import RawSQL

from satpas.models import User

# The permission set is read with the user, in the same statement, on every request: no
# cache to share between app servers or processes, so a role removed on one server is gone
# on the next request to any other. (A cached set would need a shared, versioned entry and
# one or two more statements per request.)


def _permissions_sql() -> str:
    """The user's permissions ("app_label.codename", comma-separated) as a correlated
    subquery on the user's table: granted directly or through a group."""
    quote = connection.ops.quote_name
    user_table = quote(User._meta.db_table)
    direct = User.user_permissions.through._meta
    member = User.groups.through._meta
    granted = Group.permissions.through._meta
    permission, content_type = Permission._meta, ContentType._meta
    label = f"{quote('ct')}.{quote('app_label')} || '.' || {quote('p')}.{quote('codename')}"
    aggregate = (
        f"string_agg(DISTINCT {label}, ',')"
        if connection.vendor == "postgresql"
        else f"group_concat(DISTINCT {label})"
    )
    return (
        f"SELECT {aggregate} FROM {quote(permission.db_table)} {quote('p')} "  # noqa: S608
        f"JOIN {quote(content_type.db_table)} {quote('ct')} "
        f"ON {quote('ct')}.{quote('id')} = {quote('p')}.{quote('content_type_id')} "
        f"WHERE {quote('p')}.{quote('id')} IN ("
        f"SELECT {quote('permission_id')} FROM {quote(direct.db_table)} "
        f"WHERE {quote('user_id')} = {user_table}.{quote('id')}) "
        f"OR {quote('p')}.{quote('id')} IN ("
        f"SELECT {quote('g')}.{quote('permission_id')} FROM {quote(granted.db_table)} {quote('g')} "
        f"JOIN {quote(member.db_table)} {quote('m')} "
        f"ON {quote('m')}.{quote('group_id')} = {quote('g')}.{quote('group_id')} "
        f"WHERE {quote('m')}.{quote('user_id')} = {user_table}.{quote('id')})"
    )


class SatpasBackend(ModelBackend):
    """ModelBackend that loads the home unit and the permission set with the user (one
    statement per request for both)."""

    def get_user(self, user_id: Any) -> User | None:
        user = (
            User.objects.select_related("home_unit")
            .annotate(granted=RawSQL(_permissions_sql(), ()))  # noqa: S611 (no input)
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        if not user.is_superuser:
            granted = user.granted  # type: ignore[attr-defined]
            user._perm_cache = set(granted.split(",")) if granted else set()  # type: ignore[attr-defined]
        return user

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = self._load(user_obj)
        return user_obj._perm_cache

    @staticmethod
    def _load(user: User) -> set[str]:
        perms = Permission.objects.all()
        if not user.is_superuser:
            perms = perms.filter(Q(user=user) | Q(group__user=user))
        return {
            f"{app_label}.{codename}"
            for app_label, codename in perms.values_list(
                "content_type__app_label", "codename"
            ).distinct()
        }


class LockoutHandler(AxesDatabaseHandler):
    """Axes with two limits: AXES_FAILURE_LIMIT for one username from one address, and
    AXES_ADDRESS_FAILURE_LIMIT for one address across usernames.

    Axes compares one failure count with one limit; the address's count is scaled so that it
    reaches AXES_FAILURE_LIMIT exactly when the address reaches its own limit. The order of
    the counts follows AXES_LOCKOUT_PARAMETERS: the pair first, then the address.
    """

    def get_failures(self, request: Any, credentials: dict | None = None) -> int:
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        if len(counts) != 2:
            return max(counts, default=0)
        per_pair, per_address = counts
        limit, address_limit = settings.AXES_FAILURE_LIMIT, settings.AXES_ADDRESS_FAILURE_LIMIT
        return max(per_pair, per_address * limit // address_limit)
