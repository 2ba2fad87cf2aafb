from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "personnel"
    verbose_name = _("Personel dan reward & punishment")

    def ready(self) -> None:
        from compensation.extensions import ROSTERED_FOR_APPLICATION
        from personnel.selectors import users_rostered_for

        if users_rostered_for not in ROSTERED_FOR_APPLICATION:
            ROSTERED_FOR_APPLICATION.append(users_rostered_for)
        from personnel import receivers  # noqa: F401  (receivers connect on import)
