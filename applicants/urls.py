from __future__ import annotations

from django.urls import path

from applicants import kiosk_views, views

app_name = "applicants"

urlpatterns = [
    path("permohonan/baru/", views.register, name="register"),
    path("permohonan/baru/pemohon/", views.applicant_lookup, name="applicant_lookup"),
    # Public (no login) on a tablet a supervisor enrolled: renewal tickets.
    path("kios-perpanjangan/<str:unit_code>/", kiosk_views.renewal_kiosk, name="renewal_kiosk"),
    path(
        "kios-perpanjangan/<str:unit_code>/konfirmasi/",
        kiosk_views.renewal_kiosk_confirm,
        name="renewal_kiosk_confirm",
    ),
    path(
        "kios-perpanjangan/<str:unit_code>/tiket/",
        kiosk_views.renewal_kiosk_ticket,
        name="renewal_kiosk_ticket",
    ),
    path(
        "kios-perpanjangan/<str:unit_code>/daftarkan/",
        kiosk_views.renewal_kiosk_enrol,
        name="renewal_kiosk_enrol",
    ),
]
