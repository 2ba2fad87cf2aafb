from __future__ import annotations

from django.urls import path

from compensation.views import complaints, handover, ikm, kiosk, register, stock, survey

app_name = "compensation"

urlpatterns = [
    path("", register.register, name="register"),
    path("permohonan/<int:pk>/serah/", handover.handover, name="handover"),
    path("permohonan/<int:pk>/kurang-puas/", handover.dissatisfied, name="dissatisfied"),
    path("kasus/<int:pk>/berikan/", handover.case_give, name="case_give"),
    path("kasus/<int:pk>/tolak/", handover.case_decline, name="case_decline"),
    path("kasus/<int:pk>/bebaskan/", handover.case_waive, name="case_waive"),
    path("kasus/<int:pk>/petugas/", handover.case_attribute, name="case_attribute"),
    path("kasus/<int:pk>/foto/", handover.case_photo, name="case_photo"),
    path("stok/", stock.stock, name="stock"),
    path("stok/terima/", stock.stock_receive, name="stock_receive"),
    path("stok/sesuaikan/", stock.stock_adjust, name="stock_adjust"),
    path("ikm/", ikm.ikm, name="ikm"),
    path("pengaduan/", complaints.complaints, name="complaints"),
    path("pengaduan/baru/", complaints.complaint_new, name="complaint_new"),
    path("pengaduan/<int:pk>/", complaints.complaint_detail, name="complaint_detail"),
    path("pengaduan/<int:pk>/tindak-lanjut/", complaints.complaint_note, name="complaint_note"),
    path("pengaduan/<int:pk>/selesai/", complaints.complaint_close, name="complaint_close"),
    # Public (no login): the applicant's survey from the ticket, and the exit kiosk.
    path("survei/<str:ticket_code>/", survey.survey, name="survey"),
    path("kios/<str:unit_code>/", kiosk.kiosk, name="kiosk"),
    path("kios/<str:unit_code>/kirim/", kiosk.kiosk_submit, name="kiosk_submit"),
    path("kios/<str:unit_code>/survei/", kiosk.kiosk_survey, name="kiosk_survey"),
    path("kios/<str:unit_code>/terima-kasih/", kiosk.kiosk_thanks, name="kiosk_thanks"),
    # A supervisor enrols the tablet as the kiosk (signed in), then it is left to applicants.
    path("kios/<str:unit_code>/daftarkan/", kiosk.kiosk_enrol, name="kiosk_enrol"),
]
