from __future__ import annotations

from django.urls import path

from applicants import views

app_name = "applicants"

urlpatterns = [
    path("permohonan/baru/", views.register, name="register"),
    path("permohonan/baru/pemohon/", views.applicant_lookup, name="applicant_lookup"),
]
