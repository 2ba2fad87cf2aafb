"""Django's own messages that its Indonesian catalogue gets wrong, corrected in ours.

Django's `id` catalogue renders the uniqueness error of a constraint over several fields as
"… dengan … ini tidak ada" ("… does not exist"), the opposite of the truth: the admin told an
operator who entered a holiday twice that it did not exist. The corrected text lives in
locale/id; naming the message here keeps `makemessages --no-obsolete` from dropping it.

The admin's own words are corrected the same way: its navigation sidebar, on every admin page,
carries "Rubah atau tampilkan tautan kunjungan" (shown in capitals as "RUBAH"; the standard
word is "ubah"). The select-multiple widget's texts ("Choose", "Remove", "Pindahkan semua …")
come from JavaScript, through the admin's `djangojs` catalogue; ours overrides them in
locale/id/LC_MESSAGES/djangojs.po, which `makemessages` (django domain only) leaves alone.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

CORRECTED = (
    # django/db/models/base.py, Model.unique_error_message() for several fields.
    gettext_noop("%(model_name)s with this %(field_labels)s already exists."),
    # django/contrib/admin/templates/admin/app_list.html (the navigation sidebar).
    gettext_noop("Change or view list link"),
    # django/contrib/admin/templates/admin/auth/user/add_form.html ("merubah").
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
)
