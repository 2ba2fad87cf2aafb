"""Stages, routes, counters, SOP standards, and what happened at the counters."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from applicants.models import Application, ApplicationType
from satpas.models import Unit


class Stage(models.Model):
    """A step of the SIM service (REG, VERIF, …). The code is the key: it appears everywhere."""

    code = models.CharField(_("kode"), max_length=12, primary_key=True)
    name = models.CharField(_("nama"), max_length=80)
    is_test = models.BooleanField(
        _("ujian (lulus/tidak lulus)"),
        default=False,
        help_text=_("Tahap ujian diakhiri dengan Lulus atau Tidak lulus."),
    )
    is_default = models.BooleanField(_("bawaan"), default=False, editable=False)

    class Meta:
        verbose_name = _("tahap")
        verbose_name_plural = _("tahap")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class RouteStep(models.Model):
    """One stage in the order a unit serves one application type."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="route_steps", verbose_name=_("satuan")
    )
    application_type = models.CharField(
        _("jenis permohonan"), max_length=20, choices=ApplicationType.choices
    )
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, verbose_name=_("tahap"))
    position = models.PositiveSmallIntegerField(_("urutan"))
    umum_only = models.BooleanField(
        _("hanya SIM Umum"), default=False, help_text=_("Misalnya ujian simulator.")
    )
    is_default = models.BooleanField(_("bawaan"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("urutan tahap")
        verbose_name_plural = _("urutan tahap")
        ordering = ["unit", "application_type", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "application_type", "stage"], name="route_step_stage_once_per_type"
            ),
            models.UniqueConstraint(
                fields=["unit", "application_type", "position"], name="route_step_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_application_type_display()} {self.position}. {self.stage_id}"


class ServicePoint(models.Model):
    """A counter (loket) of a unit, serving one stage."""

    class State(models.TextChoices):
        OPEN = "OPEN", _("Buka")
        BREAK = "BREAK", _("Istirahat")
        CLOSED = "CLOSED", _("Tutup")

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="service_points", verbose_name=_("satuan")
    )
    number = models.PositiveSmallIntegerField(_("nomor loket"))
    name = models.CharField(_("nama"), max_length=80)
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, verbose_name=_("tahap"))
    is_active = models.BooleanField(_("aktif"), default=True)
    # Set from the console; every change is kept in CounterStateChange.
    state = models.CharField(_("keadaan"), max_length=8, choices=State.choices, default=State.OPEN)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("loket")
        verbose_name_plural = _("loket")
        ordering = ["unit", "number"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="service_point_number_unique"),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="service_point_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return _("Loket %(number)d · %(name)s") % {"number": self.number, "name": self.name}


class CounterStateChange(models.Model):
    """A counter opened, went on a break or closed: who and when. A counter closed while
    applicants wait is a capacity fact for the reports."""

    service_point = models.ForeignKey(
        ServicePoint,
        on_delete=models.PROTECT,
        related_name="state_changes",
        verbose_name=_("loket"),
    )
    state = models.CharField(_("keadaan"), max_length=8, choices=ServicePoint.State.choices)
    changed_at = models.DateTimeField(_("waktu"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("oleh"),
    )

    class Meta:
        verbose_name = _("perubahan keadaan loket")
        verbose_name_plural = _("perubahan keadaan loket")
        ordering = ["service_point", "changed_at"]
        indexes = [
            models.Index(fields=["service_point", "changed_at"], name="counter_state_point_time"),
        ]

    def __str__(self) -> str:
        return f"{self.service_point_id} {self.state} {self.changed_at:%Y-%m-%d %H:%M}"


class CounterPolicy(models.Model):
    """A unit's rules for applicants who do not come when called (without a row: defaults)."""

    class PriorityMode(models.TextChoices):
        ALWAYS = "ALWAYS", _("Selalu didahulukan")
        ONE_IN_N = "ONE_IN_N", _("Satu dari setiap N panggilan")

    DEFAULT_REQUEUE_PLACES = 3
    DEFAULT_ABSENT_AFTER_CALLS = 3
    DEFAULT_PRIORITY_EVERY = 3

    unit = models.OneToOneField(
        Unit, on_delete=models.CASCADE, related_name="counter_policy", verbose_name=_("satuan")
    )
    requeue_places = models.PositiveSmallIntegerField(
        _("kembali ke antrean setelah (tempat)"),
        default=DEFAULT_REQUEUE_PLACES,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Pemohon yang dilewati dipanggil lagi setelah sekian pemohon lain."),
    )
    absent_after_calls = models.PositiveSmallIntegerField(
        _("tidak hadir setelah (panggilan)"),
        default=DEFAULT_ABSENT_AFTER_CALLS,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Setelah sekian panggilan tanpa datang, pemohon ditandai tidak hadir."),
    )
    priority_mode = models.CharField(
        _("layanan prioritas"),
        max_length=8,
        choices=PriorityMode.choices,
        default=PriorityMode.ONE_IN_N,
        help_text=_(
            "Pemohon prioritas (lansia, disabilitas, ibu hamil, …) dipanggil lebih dulu. "
            "'Satu dari setiap N panggilan' menjamin pemohon biasa tetap dipanggil."
        ),
    )
    priority_every = models.PositiveSmallIntegerField(
        _("N (satu dari setiap N panggilan)"),
        default=DEFAULT_PRIORITY_EVERY,
        validators=[MinValueValidator(2), MaxValueValidator(10)],
        help_text=_(
            "Paling banyak satu dari setiap N panggilan mendahulukan pemohon prioritas; "
            "panggilan lainnya menurut urutan kedatangan."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aturan panggilan loket")
        verbose_name_plural = _("aturan panggilan loket")
        constraints = [
            models.CheckConstraint(
                condition=Q(requeue_places__gte=1) & Q(absent_after_calls__gte=1),
                name="counter_policy_positive",
            ),
            models.CheckConstraint(
                condition=Q(priority_every__gte=2), name="counter_policy_priority_every_at_least_2"
            ),
        ]

    def __str__(self) -> str:
        return str(self.unit)

    @property
    def priority_turn_every(self) -> int:
        """Calls per priority turn: every call under "always first"."""
        return 1 if self.priority_mode == self.PriorityMode.ALWAYS else self.priority_every


class StageQueue(models.Model):
    """The turn of one stage's queue at a unit: calls since a priority applicant was last
    called. Locked by call-next, so counters of one stage share one count."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="+")
    calls_since_priority = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("giliran antrean tahap")
        verbose_name_plural = _("giliran antrean tahap")
        constraints = [
            models.UniqueConstraint(fields=["unit", "stage"], name="stage_queue_one_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.stage_id} {self.calls_since_priority}"


class ServiceStandard(models.Model):
    """The SOP time limit for one application type, from a date on. Never edited once used:
    a change is a new version with its own `effective_from`."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="service_standards", verbose_name=_("satuan")
    )
    application_type = models.CharField(
        _("jenis permohonan"), max_length=20, choices=ApplicationType.choices
    )
    minutes = models.PositiveSmallIntegerField(
        _("standar waktu (menit)"), validators=[MinValueValidator(1), MaxValueValidator(1440)]
    )
    warning_percent = models.PositiveSmallIntegerField(
        _("ambang peringatan (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Status 'berisiko' mulai pada persentase standar ini."),
    )
    effective_from = models.DateField(_("berlaku mulai"))
    sop_reference = models.CharField(
        _("dasar SOP"), max_length=200, help_text=_("Misalnya: SOP revisi 18 Mei 2022.")
    )
    is_default = models.BooleanField(_("bawaan"), default=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("standar waktu layanan")
        verbose_name_plural = _("standar waktu layanan")
        ordering = ["unit", "application_type", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "application_type", "effective_from"],
                name="service_standard_one_version_per_day",
            ),
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(warning_percent__gte=1, warning_percent__lte=100),
                name="service_standard_sane_numbers",
            ),
        ]

    def __str__(self) -> str:
        return _("%(type)s: %(minutes)d menit sejak %(date)s") % {
            "type": self.get_application_type_display(),
            "minutes": self.minutes,
            "date": self.effective_from.strftime("%d-%m-%Y"),
        }


class StageAllowance(models.Model):
    """Minutes a stage may take (waiting plus service) under one standard version."""

    standard = models.ForeignKey(
        ServiceStandard,
        on_delete=models.CASCADE,
        related_name="allowances",
        verbose_name=_("standar"),
    )
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, verbose_name=_("tahap"))
    minutes = models.PositiveSmallIntegerField(
        _("alokasi (menit)"), validators=[MinValueValidator(1), MaxValueValidator(1440)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alokasi waktu tahap")
        verbose_name_plural = _("alokasi waktu tahap")
        ordering = ["standard", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "stage"], name="stage_allowance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.stage_id}: {self.minutes}"


class Journey(models.Model):
    """Where one application stands on its route: a snapshot of the route and the standard
    taken at registration, and the current stage. Kept so that counters need a fixed
    number of queries however long the queue."""

    class State(models.TextChoices):
        WAITING = "WAITING", _("Menunggu")
        CALLED = "CALLED", _("Dipanggil")
        IN_SERVICE = "IN_SERVICE", _("Dilayani")
        DONE = "DONE", _("Selesai")
        # Did not come after the unit's number of calls: call-next passes them by.
        ABSENT = "ABSENT", _("Tidak hadir")

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="journey",
        verbose_name=_("permohonan"),
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    service_date = models.DateField(_("tanggal layanan"))
    standard = models.ForeignKey(
        ServiceStandard,
        on_delete=models.PROTECT,
        related_name="journeys",
        verbose_name=_("standar"),
    )
    standard_minutes = models.PositiveSmallIntegerField(_("standar (menit)"))
    warning_percent = models.PositiveSmallIntegerField(_("ambang peringatan (%)"))
    # [{"code": "REG", "allowance": 10, "is_test": false}, …] in route order.
    route = models.JSONField(_("rute"))
    current_index = models.PositiveSmallIntegerField(_("posisi"), default=0)
    current_stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    state = models.CharField(_("keadaan"), max_length=12, choices=State.choices)
    ready_since = models.DateTimeField(_("siap sejak"))
    current_point = models.ForeignKey(
        ServicePoint, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    called_at = models.DateTimeField(null=True, blank=True)
    # The record of the current stage once the applicant has been called.
    current_record = models.ForeignKey(
        "StageRecord", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pause_count = models.PositiveSmallIntegerField(default=0)
    # The application's priority (applicants.Priority) as a flag, so call-next's pick reads
    # it from its own index.
    priority = models.BooleanField(_("prioritas"), default=False)
    # Calls at the current stage the applicant did not answer; while above zero an open
    # no-show pause runs (from the first such call until they come back).
    missed_calls = models.PositiveSmallIntegerField(default=0)
    no_show_pause = models.ForeignKey(
        "Pause", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("perjalanan permohonan")
        verbose_name_plural = _("perjalanan permohonan")
        indexes = [
            # Call-next's pick, first come: the id breaks ties of `ready_since` as the pick's
            # ORDER BY does, so the first row is read from the index with no sort at all.
            models.Index(
                fields=["unit", "current_stage", "state", "ready_since", "application"],
                name="journey_fifo",
            ),
            # Call-next's pick on a priority turn: priority first, then first come.
            models.Index(
                fields=[
                    "unit",
                    "current_stage",
                    "state",
                    "-priority",
                    "ready_since",
                    "application",
                ],
                name="journey_priority",
            ),
            models.Index(fields=["unit", "service_date", "state"], name="journey_unit_day"),
            models.Index(fields=["current_point", "state"], name="journey_point"),
        ]
        permissions = [
            # Who watches the floor: the pages they have open tell them as an applicant
            # turns at risk or overdue (service_timing/views/alerts.py).
            ("receive_alerts", _("Dapat menerima peringatan pemohon berisiko dan lewat standar")),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.current_stage_id or '-'} {self.state}"

    @property
    def stage_codes(self) -> list[str]:
        return [step["code"] for step in self.route]

    @property
    def current_step(self) -> dict | None:
        if self.current_index < len(self.route) and self.state != self.State.DONE:
            return self.route[self.current_index]
        return None


class StageRecord(models.Model):
    """What happened to one application at one stage. Times come from the server's clock;
    a correction needs a supervisor and a reason, and the history keeps the old value."""

    class Outcome(models.TextChoices):
        NOT_APPLICABLE = "", _("—")
        PASSED = "PASSED", _("Lulus")
        FAILED = "FAILED", _("Tidak lulus")

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="stage_records",
        verbose_name=_("permohonan"),
    )
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, verbose_name=_("tahap"))
    service_point = models.ForeignKey(
        ServicePoint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("loket"),
    )
    served_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="served_records",
        verbose_name=_("dilayani oleh"),
    )
    called_at = models.DateTimeField(_("dipanggil"), null=True, blank=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    outcome = models.CharField(
        _("hasil"), max_length=8, choices=Outcome.choices, blank=True, default=""
    )
    # Calls at this stage, recalls included; called_at is the latest call (the display
    # announces each one).
    call_count = models.PositiveSmallIntegerField(_("jumlah panggilan"), default=0)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("catatan tahap")
        verbose_name_plural = _("catatan tahap")
        ordering = ["application", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "stage"], name="stage_record_one_per_application_and_stage"
            ),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True)
                | (Q(started_at__isnull=False) & Q(finished_at__gte=models.F("started_at"))),
                name="stage_record_finish_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(called_at__isnull=True)
                | Q(started_at__isnull=True)
                | Q(started_at__gte=models.F("called_at")),
                name="stage_record_start_not_before_call",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(finished_at__isnull=False),
                name="stage_record_outcome_only_when_finished",
            ),
        ]
        indexes = [
            models.Index(fields=["service_point", "called_at"], name="stage_record_point_calls"),
            models.Index(fields=["served_by", "finished_at"], name="stage_record_officer"),
        ]
        permissions = [
            ("log_stage", _("Dapat mencatat tahap di loket")),
            ("correct_stagerecord", _("Dapat mengoreksi waktu tahap (dengan alasan)")),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}/{self.stage_id}"


class Pause(models.Model):
    """The clock stops for a reason the applicant caused (left to fetch a document, …)."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="pauses", verbose_name=_("permohonan")
    )
    started_at = models.DateTimeField(_("mulai"))
    ended_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    reason = models.CharField(_("alasan"), max_length=250)
    # Opened by the counter when the applicant did not come when called; it ends when they
    # come back. Other open pauses keep the applicant out of call-next.
    no_show = models.BooleanField(_("tidak datang saat dipanggil"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jeda waktu")
        verbose_name_plural = _("jeda waktu")
        ordering = ["application", "started_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gt=models.F("started_at")),
                name="pause_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.reason


class SystemOutage(models.Model):
    """A system outage at a unit. The clock runs on (the applicant is still owed), but no
    officer is blamed for the minutes it covers."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="outages", verbose_name=_("satuan")
    )
    started_at = models.DateTimeField(_("mulai"))
    ended_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    reason = models.CharField(_("keterangan"), max_length=250)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gangguan sistem")
        verbose_name_plural = _("gangguan sistem")
        ordering = ["unit", "-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gt=models.F("started_at")),
                name="outage_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.reason


class Announcement(models.Model):
    """A running text on the waiting-room display, set by a supervisor: shown from
    `shown_from` until `shown_until` (open-ended when empty) unless ended earlier."""

    MAX_LENGTH = 200

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="announcements", verbose_name=_("satuan")
    )
    text = models.CharField(_("teks pengumuman"), max_length=MAX_LENGTH)
    shown_from = models.DateTimeField(_("tampil mulai"))
    shown_until = models.DateTimeField(_("tampil sampai"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("oleh")
    )
    ended_at = models.DateTimeField(_("diakhiri"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diakhiri oleh"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengumuman layar")
        verbose_name_plural = _("pengumuman layar")
        ordering = ["unit", "-shown_from"]
        indexes = [models.Index(fields=["unit", "shown_from"], name="announcement_unit_from")]
        constraints = [
            models.CheckConstraint(
                condition=Q(shown_until__isnull=True) | Q(shown_until__gt=models.F("shown_from")),
                name="announcement_until_after_from",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def until(self) -> object:
        """When it stops showing: ended, or its planned end (None: until ended)."""
        if self.ended_at is not None and (
            self.shown_until is None or self.ended_at < self.shown_until
        ):
            return self.ended_at
        return self.shown_until
