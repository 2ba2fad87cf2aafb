from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo layer: `seed_demo`, `generate_history` and every app's invented history.

    It sits on top of the product and may import any app; no product module imports it."""

    name = "demo"
    label = "demo"
    verbose_name = "Demo"
