"""`make run` serves the demo as production would: the worker and the overdue sweep beside it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_sweeps_overdue_every_minute_beside_the_server() -> None:
    make = shutil.which("make")
    assert make is not None
    recipe = subprocess.run(  # noqa: S603 (fixed arguments: make's dry run)
        [make, "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    server = recipe.index("manage.py runserver")
    sweep = recipe.index("manage.py sweep_overdue")
    assert sweep < server
    loop = recipe[recipe.rindex("while", 0, sweep) : recipe.index("& sweeper=$!", sweep)]
    assert "sleep 60" in loop
    # Stopped with the server, like the worker.
    assert "kill $worker $sweeper" in recipe
