"""Writes of compensation: cases (detection, attribution, hand-over), stock, survey, complaints.

Every write runs in one transaction and re-checks its invariants here (the forms are not the
only door: the counter signals, the sweep command, the admin and the demo call these too).
"""

from compensation.services.complaints import (
    complaint_add_note,
    complaint_close,
    complaint_create,
)
from compensation.services.detection import (
    assess,
    could_be_late,
    overdue_check,
    reevaluate_cases_during,
    sweep_overdue,
)
from compensation.services.handover import (
    case_attribute,
    case_decline,
    case_give,
    case_open_dissatisfied,
    case_waive,
)
from compensation.services.rules import (
    DEFAULT_ITEMS,
    DEFAULT_RULE_NOTE,
    DEFAULT_TIER_MINUTES,
    install_default_rules,
    offered_items,
)
from compensation.services.stock import (
    stock_adjust,
    stock_receive,
)
from compensation.services.survey import (
    VERY_LOW_AVERAGE,
    is_very_low,
    survey_submit,
)

__all__ = [
    "DEFAULT_ITEMS",
    "DEFAULT_RULE_NOTE",
    "DEFAULT_TIER_MINUTES",
    "VERY_LOW_AVERAGE",
    "assess",
    "case_attribute",
    "case_decline",
    "case_give",
    "case_open_dissatisfied",
    "case_waive",
    "complaint_add_note",
    "complaint_close",
    "complaint_create",
    "could_be_late",
    "install_default_rules",
    "is_very_low",
    "offered_items",
    "overdue_check",
    "reevaluate_cases_during",
    "stock_adjust",
    "stock_receive",
    "survey_submit",
    "sweep_overdue",
]
