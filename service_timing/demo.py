"""Demo history of the service timing (filled in with the counter pages)."""

from __future__ import annotations

import datetime as dt
import random

from satpas.models import Unit, User
from satpas.roles import Role


def seed_history(
    *, unit: Unit, users: dict[Role, User], staff: list[User], today: dt.date, rng: random.Random
) -> str:
    return ""
