"""Writes of the service timing: journeys, counter events, corrections, pauses, standards.

Every counter event locks the application's journey row first, so two officers acting on
the same application at the same moment are served one after the other: the second sees
what the first did and gets a clear message instead of a second record.
"""

from service_timing.services.announcements import announcement_add, announcement_end
from service_timing.services.controls import (
    counter_state_set,
    stage_recall,
    stage_skip,
    stage_transfer,
)
from service_timing.services.corrections import (
    CORRECTABLE_FIELDS,
    MAX_OUTAGE_AGE_DAYS,
    outage_add,
    outage_check,
    pause_add,
    pause_end,
    stage_record_correct,
)
from service_timing.services.counter import (
    CounterError,
    CounterResult,
    CounterStateResult,
    application_withdraw,
    stage_call,
    stage_finish,
    stage_start,
)
from service_timing.services.journeys import (
    journey_priority_set,
    journey_start,
)
from service_timing.services.queueing import (
    call_next,
)
from service_timing.services.standards import (
    allowances_exceed_standard,
    standard_revise,
)

__all__ = [
    "CORRECTABLE_FIELDS",
    "MAX_OUTAGE_AGE_DAYS",
    "CounterError",
    "CounterResult",
    "CounterStateResult",
    "allowances_exceed_standard",
    "announcement_add",
    "announcement_end",
    "application_withdraw",
    "call_next",
    "counter_state_set",
    "journey_priority_set",
    "journey_start",
    "outage_add",
    "outage_check",
    "pause_add",
    "pause_end",
    "stage_call",
    "stage_finish",
    "stage_recall",
    "stage_record_correct",
    "stage_skip",
    "stage_start",
    "stage_transfer",
    "standard_revise",
]
