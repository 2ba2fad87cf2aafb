from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "evidence"
    verbose_name = _("Bukti Zona Integritas dan laporan")

    def ready(self) -> None:
        from evidence.public import receivers  # noqa: F401 (connects the page's cache receivers)
