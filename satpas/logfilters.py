"""Personal data never reaches a log line: anything shaped like a NIK (16 digits) is masked.

NIKs never go into URLs or log calls on purpose, but a person can type one into an address
(a 404 is logged with its path), and libraries log what they like. The filter sits on every
handler, and the gunicorn logger class below applies it to the access log too.
"""

from __future__ import annotations

import logging
import re
from typing import Any

NIK_LIKE = re.compile(r"(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)")


def redact(text: str) -> str:
    return NIK_LIKE.sub(r"\1********\2", text)


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


class QuietForbidden(logging.Filter):
    """A refused page (403) is an answer, not a fault: log its line without the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True


try:
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # gunicorn is only needed to serve
    _GunicornLogger = object


class GunicornLogger(_GunicornLogger):
    """gunicorn's logger with the access and error logs filtered (`--logger-class`)."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.addFilter(RedactPersonalData())
