from __future__ import annotations

from django.urls import path

from evidence.capacity import views

app_name = "capacity"

urlpatterns = [
    path("", views.plan_list, name="plans"),
    path("hitung/", views.plan_request, name="plan_request"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/kemajuan/", views.plan_progress, name="plan_progress"),
    path("<int:pk>/bagaimana-jika/", views.what_if, name="what_if"),
    path("<int:pk>/draf-jadwal/", views.export_draft, name="export"),
]
