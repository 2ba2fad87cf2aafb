from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceTimingConfig(AppConfig):
    name = "service_timing"
    verbose_name = _("Waktu layanan")

    def ready(self) -> None:
        from service_timing import receivers  # noqa: F401  (receivers connect on import)
