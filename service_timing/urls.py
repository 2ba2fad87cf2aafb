from __future__ import annotations

from django.urls import path

from service_timing.views import (
    alerts,
    announcements,
    applications,
    board,
    console,
    held_sims,
    public,
)

app_name = "service_timing"

urlpatterns = [
    path("permohonan/", applications.application_list, name="applications"),
    path("permohonan/<int:pk>/", applications.application_detail, name="application"),
    path("permohonan/<int:pk>/tiket/", applications.ticket, name="ticket"),
    path("permohonan/<int:pk>/koreksi/", applications.correct, name="correct"),
    path("permohonan/<int:pk>/jeda/", applications.pause, name="pause"),
    path(
        "permohonan/<int:pk>/jeda/<int:pause_pk>/selesai/",
        applications.pause_finish,
        name="pause_end",
    ),
    path("permohonan/<int:pk>/batal/", applications.withdraw, name="withdraw"),
    path("permohonan/<int:pk>/prioritas/", applications.priority, name="priority"),
    path("permohonan/<int:pk>/sim/", held_sims.held_sim_add, name="held_sim_add"),
    path("permohonan/<int:pk>/sim/koreksi/", held_sims.held_sim_fix, name="held_sim_fix"),
    path("gangguan/", applications.outage, name="outage"),
    path("loket/", console.console_pick, name="console_pick"),
    path("loket/<int:point_pk>/", console.console, name="console"),
    path("loket/<int:point_pk>/aksi/", console.console_action, name="console_action"),
    path("loket/<int:point_pk>/antrean/", console.console_queue, name="console_queue"),
    path("papan/", board.board, name="board"),
    path("papan/isi/", board.board_rows_partial, name="board_rows"),
    path("papan/peringatan/", alerts.alerts, name="alerts"),
    path("pengumuman/", announcements.announcements, name="announcements"),
    path(
        "pengumuman/<int:pk>/akhiri/",
        announcements.announcement_finish,
        name="announcement_end",
    ),
    path("layar/<str:unit_code>/", board.display, name="display"),
    path("layar/<str:unit_code>/isi/", board.display_partial, name="display_content"),
    path("s/<str:ticket_code>/", public.status, name="status"),
    path("s/<str:ticket_code>/isi/", public.status_partial, name="status_content"),
]
