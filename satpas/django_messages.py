"""Django's own messages that its Indonesian catalogue gets wrong, corrected in ours.

Django's `id` catalogue renders the uniqueness error of a constraint over several fields as
"… dengan … ini tidak ada" ("… does not exist"), the opposite of the truth: the admin told an
operator who entered a holiday twice that it did not exist. The corrected text lives in
locale/id; naming the message here keeps `makemessages --no-obsolete` from dropping it.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

CORRECTED = (
    # django/db/models/base.py, Model.unique_error_message() for several fields.
    gettext_noop("%(model_name)s with this %(field_labels)s already exists."),
)
