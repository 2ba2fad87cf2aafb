"""Authentication backend tuned for the counters: few queries per request."""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models import Q, Sum
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from satpas.models import User

# The cache is shared by every worker (settings.CACHES: the database or Redis), and a change of
# groups or grants bumps the version below, so every worker sees it at once; entries expire
# after this time in any case.
PERMISSION_CACHE_SECONDS = 60
_VERSION_KEY = "satpas:perms:version"


def _perm_key(user_id: int) -> str:
    return f"satpas:perms:{cache.get_or_set(_VERSION_KEY, 1)}:{user_id}"


class SatpasBackend(ModelBackend):
    """ModelBackend that loads the home unit with the user and caches the permission set."""

    def get_user(self, user_id: Any) -> User | None:
        user = User.objects.select_related("home_unit").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            key = _perm_key(user_obj.pk)
            perms = cache.get(key)
            if perms is None:
                perms = self._load(user_obj)
                cache.set(key, perms, PERMISSION_CACHE_SECONDS)
            user_obj._perm_cache = perms
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


def forget_permissions() -> None:
    """Make every cached permission set stale (groups or grants changed)."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 2)


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
@receiver(m2m_changed, sender=Group.permissions.through)
def grants_changed(sender: Any, **kwargs: Any) -> None:
    forget_permissions()


@receiver(post_save, sender=User)
def user_saved(sender: Any, instance: User, **kwargs: Any) -> None:
    cache.delete(_perm_key(instance.pk))


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
