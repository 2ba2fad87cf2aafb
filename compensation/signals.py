from __future__ import annotations

from django.dispatch import Signal

# Sent inside the transaction that changed what a compensation case says about an officer
# (its breach, attribution or status): case=CompensationCase, reason=str, now=datetime,
# user=User | None. Personnel re-evaluates the findings and proposals built on the case
# (compensation never imports personnel). Listed in the app's docstrings and README.
case_changed = Signal()
