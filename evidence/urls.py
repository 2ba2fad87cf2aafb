from __future__ import annotations

from django.urls import path

from evidence.regional import views as regional
from evidence.reports import packs, views
from evidence.reports.catalogue import REPORTS

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("paket-bukti/", packs.pack_list, name="packs"),
    path("paket-bukti/susun/", packs.pack_request, name="pack_request"),
    path("paket-bukti/<int:pk>/", packs.pack_detail, name="pack"),
    path("paket-bukti/<int:pk>/kemajuan/", packs.pack_progress, name="pack_progress"),
    path("paket-bukti/<int:pk>/unduh/", packs.pack_download, name="pack_download"),
    path("wilayah/", regional.regional, name="regional"),
    path("wilayah/unduh/", regional.regional_excel, name="regional_excel"),
]
for _report in REPORTS:
    urlpatterns += [
        path(f"{_report.path}/", views.report_page, {"slug": _report.slug}, name=_report.slug),
        path(
            f"{_report.path}/unduh/",
            views.report_excel,
            {"slug": _report.slug},
            name=f"{_report.slug}_excel",
        ),
    ]
