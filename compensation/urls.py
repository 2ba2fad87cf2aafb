from __future__ import annotations

from django.urls import path

from compensation import views

app_name = "compensation"

urlpatterns = [
    path("", views.register, name="register"),
    path("permohonan/<int:pk>/serah/", views.handover, name="handover"),
    path("permohonan/<int:pk>/kurang-puas/", views.dissatisfied, name="dissatisfied"),
    path("kasus/<int:pk>/berikan/", views.case_give, name="case_give"),
    path("kasus/<int:pk>/tolak/", views.case_decline, name="case_decline"),
    path("kasus/<int:pk>/bebaskan/", views.case_waive, name="case_waive"),
    path("kasus/<int:pk>/petugas/", views.case_attribute, name="case_attribute"),
    path("kasus/<int:pk>/foto/", views.case_photo, name="case_photo"),
    path("stok/", views.stock, name="stock"),
    path("stok/terima/", views.stock_receive, name="stock_receive"),
    path("stok/sesuaikan/", views.stock_adjust, name="stock_adjust"),
    path("ikm/", views.ikm, name="ikm"),
    path("pengaduan/", views.complaints, name="complaints"),
    path("pengaduan/baru/", views.complaint_new, name="complaint_new"),
    path("pengaduan/<int:pk>/", views.complaint_detail, name="complaint_detail"),
    path("pengaduan/<int:pk>/tindak-lanjut/", views.complaint_note, name="complaint_note"),
    path("pengaduan/<int:pk>/selesai/", views.complaint_close, name="complaint_close"),
    # Public (no login): the applicant's survey from the ticket, and the exit kiosk.
    path("survei/<str:ticket_code>/", views.survey, name="survey"),
    path("kios/<str:unit_code>/", views.kiosk, name="kiosk"),
    path("kios/<str:unit_code>/kirim/", views.kiosk_submit, name="kiosk_submit"),
    path("kios/<str:unit_code>/survei/", views.kiosk_survey, name="kiosk_survey"),
    path("kios/<str:unit_code>/terima-kasih/", views.kiosk_thanks, name="kiosk_thanks"),
    # A supervisor enrols the tablet as the kiosk (signed in), then it is left to applicants.
    path("kios/<str:unit_code>/daftarkan/", views.kiosk_enrol, name="kiosk_enrol"),
]
