from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SatpasConfig(AppConfig):
    name = "satpas"
    verbose_name = _("Kantor Satpas")

    def ready(self) -> None:
        from satpas import auth, receivers, roles  # noqa: F401  (receivers connect on import)

        # Role groups get their permissions after every migrate, once all permissions exist.
        post_migrate.connect(roles.sync_role_permissions_handler, dispatch_uid="satpas.roles")
