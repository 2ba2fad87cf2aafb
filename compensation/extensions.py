"""Places where layers above tell compensation what it cannot know without importing them.

An app above registers a callable in its AppConfig.ready(). Keep each one to a fixed, small
number of queries.
"""

from __future__ import annotations

from collections.abc import Callable

from applicants.models import Application

# (application) -> ids of the users rostered at a counter that served the application on its
# service day (personnel's duty roster). A complaint's responsible officer is one of them or
# one who served the application.
ROSTERED_FOR_APPLICATION: list[Callable[[Application], set[int]]] = []


def rostered_for(application: Application) -> set[int]:
    users: set[int] = set()
    for source in ROSTERED_FOR_APPLICATION:
        users |= source(application)
    return users
