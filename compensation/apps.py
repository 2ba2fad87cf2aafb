from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompensationConfig(AppConfig):
    name = "compensation"
    verbose_name = _("Kompensasi dan kepuasan")

    def ready(self) -> None:
        from compensation import panels, receivers  # noqa: F401  (receivers connect on import)
        from service_timing.extensions import BOARD_PANELS, STATUS_PANELS

        if panels.low_stock_panel not in BOARD_PANELS:
            BOARD_PANELS.append(panels.low_stock_panel)
        if panels.status_panel not in STATUS_PANELS:
            STATUS_PANELS.append(panels.status_panel)
