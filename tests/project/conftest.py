"""The month of evidence (every kind of record) that the project-wide tests call pages with."""

from __future__ import annotations

from tests.evidence.conftest import evidence  # noqa: F401 (fixture)
from tests.personnel.conftest import (  # noqa: F401 (fixtures)
    office,
    other_kasat,
    other_supervisor,
    small_world,
    world,
)
