from __future__ import annotations

from django.dispatch import Signal

# Sent inside the registering transaction: application=Application, now=datetime.
# The service timing starts the application's journey on it; if a receiver fails, the
# registration is rolled back as a whole.
application_registered = Signal()
