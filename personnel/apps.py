from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "personnel"
    verbose_name = _("Personel dan reward & punishment")

    def ready(self) -> None:
        from personnel import receivers  # noqa: F401  (receivers connect on import)
