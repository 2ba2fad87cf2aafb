from __future__ import annotations

from django.urls import path

from evidence.public import views

app_name = "public"

urlpatterns = [
    path("kelola/maklumat/", views.pledge_edit, name="pledge"),
    path("<str:unit_code>/", views.service_page, name="page"),
    path("<str:unit_code>/poster.pdf", views.poster, name="poster"),
]
