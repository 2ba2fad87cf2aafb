from __future__ import annotations

from django.dispatch import Signal

# Sent inside the transaction of every counter event, after it is written:
# journey=Journey, record_id=int (the StageRecord), event="called"|"started"|"finished", now=datetime.
# Layers above (compensation) check the clock on it without service_timing importing them.
stage_event = Signal()

# Sent after a supervisor changes what the clock reads (timestamp correction, pause):
# application=Application, now=datetime.
timing_changed = Signal()
