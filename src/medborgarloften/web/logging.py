"""Log filters."""

import logging


class OneLineForbidden(logging.Filter):
    """Log a refused request (403) as one line: no traceback.

    A 403 is the permission rules doing their job, not an error; a traceback per
    refusal buried real errors in the log.
    """

    def filter(self, record):
        if getattr(record, "status_code", None) == 403 and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
