from __future__ import annotations

from django.urls import path

from personnel.views import checks, dashboard, ledger, objections, people, roster

app_name = "personnel"

urlpatterns = [
    path("dasbor/", dashboard.dashboard, name="dashboard"),
    path("dasbor/permohonan/", dashboard.applications, name="dashboard_applications"),
    path("petugas/", people.officer_list, name="officers"),
    path("petugas/<int:pk>/", people.officer_detail, name="officer"),
    path("saya/", people.me, name="me"),
    path("jadwal/", roster.week, name="roster"),
    path("jadwal/tambah/", roster.shift_add, name="shift_add"),
    path("jadwal/<int:pk>/hapus/", roster.shift_delete, name="shift_delete"),
    path("jadwal/impor/", roster.roster_import, name="roster_import"),
    path("pemeriksaan/", checks.today, name="checks"),
    path("pemeriksaan/kehadiran/<int:shift>/", checks.attendance, name="attendance"),
    path("pemeriksaan/pulang/<int:check>/", checks.departure, name="departure"),
    path("pemeriksaan/sikap-tampang/<int:officer>/", checks.appearance, name="appearance"),
    path(
        "pemeriksaan/profesionalisme/<int:officer>/",
        checks.professionalism,
        name="professionalism",
    ),
    path("pemeriksaan/kebersihan/<int:point>/", checks.cleanliness, name="cleanliness"),
    path("foto/<str:kind>/<int:pk>/", checks.photo, name="photo"),
    path("temuan/", ledger.finding_list, name="findings"),
    path("temuan/<int:pk>/", ledger.finding_detail, name="finding"),
    path("temuan/<int:pk>/keberatan/", objections.objection_file, name="objection_file"),
    path("keberatan/", objections.objection_list, name="objections"),
    path("keberatan/<int:pk>/putuskan/", objections.objection_decide, name="objection_decide"),
    path("kebijakan/", ledger.policy, name="policy"),
    path("usulan/", ledger.adjustment_list, name="adjustments"),
    path("usulan/susun/", ledger.propose, name="propose"),
    path("usulan/<int:pk>/putuskan/", ledger.decide, name="decide"),
    path("usulan/putuskan/", ledger.decide_bulk, name="decide_bulk"),
    path("smk/", ledger.semester, name="semester"),
    path("smk/unduh/", ledger.semester_export, name="semester_export"),
    path("rujukan/", ledger.referral_list, name="referrals"),
    path("rujukan/<int:pk>/", ledger.referral_detail, name="referral"),
    path("teladan/", people.recognition, name="recognition"),
    path("teladan/<int:pk>/piagam.pdf", people.certificate, name="certificate"),
]
