from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from evidence import home
from satpas import health, two_factor, views
from satpas.forms import LoginForm
from satpas.ratelimits import limit_posts

admin.site.site_header = "Satpas"
admin.site.site_title = "Satpas"

urlpatterns = [
    path("", home.home, name="home"),
    path(
        "masuk/",
        limit_posts("login")(
            auth_views.LoginView.as_view(
                authentication_form=LoginForm, redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("healthz", health.healthz, name="healthz"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/sandi/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "akun/sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("akun/dua-langkah/", two_factor.verify, name="two_factor_verify"),
    path("akun/dua-langkah/aktifkan/", two_factor.enrol, name="two_factor_enrol"),
    path("satuan/pilih/", views.switch_unit, name="switch_unit"),
    path("akun/ping/", views.ping, name="ping"),
    path("kompensasi/", include("compensation.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("personel/", include("personnel.urls")),
    path("laporan/", include("evidence.urls")),
    path("rencana-kapasitas/", include("evidence.capacity.urls")),
    path("layanan/", include("evidence.public.urls")),
    path("admin/", admin.site.urls),
    path("", include("applicants.urls")),
    path("", include("service_timing.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
