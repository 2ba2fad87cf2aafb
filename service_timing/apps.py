from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceTimingConfig(AppConfig):
    name = "service_timing"
    verbose_name = _("Waktu layanan")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from service_timing import receivers

        post_migrate.connect(receivers.ensure_default_stages, dispatch_uid="service_timing.stages")
