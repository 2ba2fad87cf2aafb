from __future__ import annotations

from django.dispatch import Signal

# Sent inside the transaction of every counter event, after it is written:
# journey=Journey, record_id=int (the StageRecord), event="called"|"started"|"finished", now=datetime.
# Layers above (compensation) check the clock on it without service_timing importing them.
stage_event = Signal()

# Sent after a supervisor changes what the clock reads (timestamp correction, pause):
# application=Application, now=datetime, reason=str, user=User | None.
timing_changed = Signal()

# Sent after a system outage is recorded (often later, even after the applications it touched
# were closed): unit_id=int, started_at=datetime, ended_at=datetime | None, now=datetime,
# user=User. Compensation re-reads who answers for the cases it overlaps.
outage_recorded = Signal()
