"""The unit's score policy: criteria, points per criterion and kind, monthly reward rules."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from personnel import scoring
from satpas.models import Unit


class Criterion(models.TextChoices):
    TIME_DISCIPLINE = scoring.TIME_DISCIPLINE, _("Disiplin waktu")
    APPEARANCE = scoring.APPEARANCE, _("Sikap tampang dan 3S")
    PROFESSIONALISM = scoring.PROFESSIONALISM, _("Profesionalisme")
    SERVICE_TIMELINESS = scoring.SERVICE_TIMELINESS, _("Ketepatan waktu layanan")
    CLEANLINESS = scoring.CLEANLINESS, _("Kebersihan tempat layanan")
    USER_RATING = scoring.USER_RATING, _("Penilaian pengguna layanan")


class Kind(models.TextChoices):
    REWARD = "REWARD", _("Penghargaan (reward)")
    PUNISHMENT = "PUNISHMENT", _("Sanksi (punishment)")


class ScorePolicy(models.Model):
    """A unit's reward-and-punishment policy. Every default is documented in scoring.py."""

    unit = models.OneToOneField(
        Unit, on_delete=models.CASCADE, related_name="score_policy", verbose_name=_("satuan")
    )
    lateness_tolerance_minutes = models.PositiveSmallIntegerField(
        _("toleransi keterlambatan (menit)"),
        default=scoring.DEFAULT_LATENESS_TOLERANCE_MINUTES,
        validators=[MaxValueValidator(120)],
        help_text=_("Terlambat hanya bila lebih dari toleransi ini. Bawaan SOP: 10 menit."),
    )
    time_discipline_points = models.PositiveSmallIntegerField(
        _("poin sanksi disiplin waktu"),
        default=scoring.DEFAULT_PUNISHMENT_POINTS[scoring.TIME_DISCIPLINE],
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    appearance_points = models.PositiveSmallIntegerField(
        _("poin sanksi sikap tampang dan 3S"),
        default=scoring.DEFAULT_PUNISHMENT_POINTS[scoring.APPEARANCE],
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    professionalism_points = models.PositiveSmallIntegerField(
        _("poin sanksi profesionalisme"),
        default=scoring.DEFAULT_PUNISHMENT_POINTS[scoring.PROFESSIONALISM],
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    service_timeliness_points = models.PositiveSmallIntegerField(
        _("poin sanksi ketepatan waktu layanan"),
        default=scoring.DEFAULT_PUNISHMENT_POINTS[scoring.SERVICE_TIMELINESS],
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    cleanliness_points = models.PositiveSmallIntegerField(
        _("poin sanksi kebersihan"),
        default=scoring.DEFAULT_PUNISHMENT_POINTS[scoring.CLEANLINESS],
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    user_rating_points = models.PositiveSmallIntegerField(
        _("poin sanksi penilaian pengguna"),
        default=scoring.DEFAULT_PUNISHMENT_POINTS[scoring.USER_RATING],
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    medium_factor = models.PositiveSmallIntegerField(
        _("pengali pelanggaran sedang"),
        default=scoring.DEFAULT_MEDIUM_FACTOR,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_(
            "Pelanggaran sedang = poin × pengali ini. Pelanggaran berat tidak diberi poin, melainkan dirujuk ke sidang disiplin."
        ),
    )
    service_overrun_threshold_minutes = models.PositiveSmallIntegerField(
        _("ambang temuan ketepatan waktu (menit)"),
        default=scoring.DEFAULT_SERVICE_OVERRUN_THRESHOLD_MINUTES,
        validators=[MaxValueValidator(240)],
        help_text=_(
            "Satu layanan menjadi temuan hanya bila bagian petugas sendiri (layanan melewati "
            "alokasi tahap ditambah loketnya menganggur saat pemohon menunggu) lebih dari ambang "
            "ini. Antrean, gangguan sistem dan jeda pemohon tidak pernah dihitung. Bawaan: 5 menit."
        ),
    )
    low_timeliness_share_percent = models.PositiveSmallIntegerField(
        _("ambang bawah tepat waktu bulanan (%)"),
        default=scoring.DEFAULT_LOW_TIMELINESS_SHARE_PERCENT,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Sebulan dengan bagian tahap tepat waktu di bawah ambang ini menjadi satu temuan. "
            "0 = tidak dipakai. Bawaan: 80%."
        ),
    )
    low_timeliness_min_served = models.PositiveIntegerField(
        _("minimal tahap dilayani untuk penilaian bulanan"),
        default=scoring.DEFAULT_LOW_TIMELINESS_MIN_SERVED,
        validators=[MinValueValidator(1)],
    )
    objection_days = models.PositiveSmallIntegerField(
        _("batas waktu keberatan (hari)"),
        default=scoring.DEFAULT_OBJECTION_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Petugas dapat mengajukan keberatan atas temuan dalam sekian hari. Bawaan: 7."),
    )
    version = models.PositiveIntegerField(
        _("versi"),
        default=1,
        editable=False,
        help_text=_(
            "Naik setiap kali kebijakan diubah; setiap temuan mencatat versi yang dipakai."
        ),
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kebijakan reward & punishment")
        verbose_name_plural = _("kebijakan reward & punishment")

    def __str__(self) -> str:
        return str(_("Kebijakan %(unit)s") % {"unit": self.unit})

    def base_points(self, criterion: str) -> int:
        return int(getattr(self, f"{criterion.lower()}_points"))


class RewardRule(models.Model):
    """A monthly reward rule of a unit's policy (one per kind)."""

    class Kind(models.TextChoices):
        NO_LATENESS = scoring.NO_LATENESS, _("Tanpa terlambat sebulan penuh")
        APPEARANCE_ALL_PASSED = (
            scoring.APPEARANCE_ALL_PASSED,
            _("Semua pemeriksaan sikap tampang memenuhi"),
        )
        TIMELINESS_SHARE = scoring.TIMELINESS_SHARE, _("Layanan tepat waktu di atas ambang")
        CLEAN_POINT = scoring.CLEAN_POINT, _("Loket bersih sebulan penuh")
        NO_COMPLAINT = scoring.NO_COMPLAINT, _("Tanpa pengaduan atau ketidakpuasan pemohon")

    policy = models.ForeignKey(
        ScorePolicy,
        on_delete=models.CASCADE,
        related_name="reward_rules",
        verbose_name=_("kebijakan"),
    )
    kind = models.CharField(_("aturan"), max_length=24, choices=Kind.choices)
    points = models.PositiveSmallIntegerField(
        _("poin penghargaan"), validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    is_active = models.BooleanField(_("berlaku"), default=True)
    min_duty_days = models.PositiveSmallIntegerField(
        _("minimal hari jaga"), null=True, blank=True, validators=[MaxValueValidator(31)]
    )
    min_checks = models.PositiveSmallIntegerField(
        _("minimal jumlah pemeriksaan"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    min_share_percent = models.PositiveSmallIntegerField(
        _("ambang tepat waktu (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    min_served = models.PositiveIntegerField(_("minimal pemohon dilayani"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aturan penghargaan bulanan")
        verbose_name_plural = _("aturan penghargaan bulanan")
        ordering = ["policy", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "kind"], name="reward_rule_once_per_kind"),
            models.CheckConstraint(condition=Q(points__gte=1), name="reward_rule_points_positive"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def criterion(self) -> str:
        return scoring.REWARD_CRITERION[self.kind]

    def spec(self) -> scoring.RewardRuleSpec:
        return scoring.RewardRuleSpec(
            kind=self.kind,
            points=self.points,
            min_duty_days=self.min_duty_days,
            min_checks=self.min_checks,
            min_share_percent=self.min_share_percent,
            min_served=self.min_served,
        )

    def clean(self) -> None:
        errors = {
            name: _("Wajib diisi untuk aturan ini.")
            for name in scoring.REWARD_PARAMETERS.get(self.kind, ())
            if getattr(self, name) in (None, "")
        }
        if errors:
            raise ValidationError(errors)
