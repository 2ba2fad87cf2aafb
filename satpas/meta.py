"""Model metadata, typed."""

from __future__ import annotations

from typing import Any

from django.db import models


def model_field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    """A model's own field by name. `_meta.get_field` also answers reverse relations, which
    have neither a verbose name nor a column."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is a reverse relation, not a field")
    return field
