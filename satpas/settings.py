"""Settings for Satpas, read from the environment (see `.env.example` and the README)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A .env file beside manage.py is read when present; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# No production default: a missing key with debug off stops the process at start-up.
if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-development-only-key")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (see .env.example and the README)."
        )

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Local apps first so that their templates and translations win.
    "satpas",
    "applicants",
    "service_timing",
    "compensation",
    "personnel",
    "evidence",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "django_ratelimit",
    # The demo layer (seed_demo, generate_history) on top of everything; nothing imports it.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "satpas.middleware.RejectNullCharacters",
    # Only with a read replica: a user's reads stay on the primary just after their write.
    "satpas.db_router.PrimaryAfterWriteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "satpas.middleware.OfficeLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "satpas.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "satpas.middleware.TwoFactorMiddleware",
    "satpas.middleware.ActiveUnitMiddleware",
    "satpas.middleware.ReadOnlyVisitMiddleware",
    # Axes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "satpas.urls"
WSGI_APPLICATION = "satpas.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "satpas.context_processors.office",
            ],
        },
    },
]

# Database: an SQLite file inside the checkout by default, PostgreSQL in production and CI.
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'satpas.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    # Counters write concurrently: wait for the lock instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
    # Memory a sort or hash may use per query step before it spills to disk. PostgreSQL's
    # 4 MB makes a year's summaries walk an index row by row (the service-time register's
    # per-stage figures: 3.6 s) where 64 MB lets it hash and sort in memory (1.3 s). Only a
    # query that needs it takes it; "" leaves the server's own setting.
    if work_mem := env.str("DATABASE_WORK_MEM", default="64MB"):
        DATABASES["default"].setdefault("OPTIONS", {})
        DATABASES["default"]["OPTIONS"].setdefault("options", f"-c work_mem={work_mem}")
# A read replica (PostgreSQL streaming standby), optional: the dashboard, reports, registers
# and evidence packs read from it, everything else from the primary (satpas/db_router.py).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url("DATABASE_REPLICA_URL")
    DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"].get("CONN_MAX_AGE", 0)
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = DATABASES["default"].get(
        "CONN_HEALTH_CHECKS", False
    )
    DATABASE_ROUTERS = ["satpas.db_router.ReplicaRouter"]
# After a user's write, their reads stay on the primary this long (the replica may lag).
REPLICA_STICKY_SECONDS = env.int("REPLICA_STICKY_SECONDS", default=30)
# Report pages read from the replica say so when it lags more than this.
REPLICA_LAG_WARNING_SECONDS = env.int("REPLICA_LAG_WARNING_SECONDS", default=30)
# The lag is read at most this often per process.
REPLICA_LAG_CACHE_SECONDS = env.int("REPLICA_LAG_CACHE_SECONDS", default=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for every worker process: the permission sets (satpas.auth) and the rate limits
# (satpas.ratelimits) must be the same in every gunicorn worker. The database cache by default
# (its table is made by `manage.py createcachetable`, which `make run`, `make serve` and the
# README's deployment steps run after `migrate`); Redis when CACHE_URL names it, e.g.
# CACHE_URL=redis://127.0.0.1:6379/1.
CACHES = {"default": env.cache_url("CACHE_URL", default="dbcache://satpas_cache")}
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "satpas.ratelimits.client_ip"
# django-ratelimit warns that the database cache's increment is not atomic: two requests at
# the same instant may both be counted as the same one, so a burst can pass its limit by a
# few requests. That is enough to stop scripts; set CACHE_URL to Redis for exact counting.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# Requests per client address and per unit ("N/s", "N/m", "N/h"). A whole waiting room may
# share one address on the office Wi-Fi: these stop scripts, not people.
PUBLIC_RATE_LIMITS = {
    # Answers sent (POST) to the survey from the ticket's QR code.
    "survey": {
        "address": env.str("RATE_LIMIT_SURVEY", default="20/m"),
        "unit": env.str("RATE_LIMIT_SURVEY_UNIT", default="300/m"),
    },
    # Answers and ticket look-ups sent (POST) from the exit kiosk.
    "kiosk": {
        "address": env.str("RATE_LIMIT_KIOSK", default="30/m"),
        "unit": env.str("RATE_LIMIT_KIOSK_UNIT", default="300/m"),
    },
    # NIK and SIM number look-ups and confirmations (POST) at the renewal kiosk: a NIK may not
    # be tried by the thousand.
    "renewal_kiosk": {
        "address": env.str("RATE_LIMIT_RENEWAL_KIOSK", default="20/m"),
        "unit": env.str("RATE_LIMIT_RENEWAL_KIOSK_UNIT", default="120/m"),
    },
    # Every request to a unit's public service page and its poster (GET, no login).
    "public_page": {
        "address": env.str("RATE_LIMIT_PUBLIC_PAGE", default="240/m"),
    },
    # Every request to the public status page (it reloads itself every 20 s).
    "status": {
        "address": env.str("RATE_LIMIT_STATUS", default="240/m"),
        "unit": env.str("RATE_LIMIT_STATUS_UNIT", default="3000/m"),
    },
    # Login attempts (POST) per address, across usernames; django-axes locks one username.
    "login": {"address": env.str("RATE_LIMIT_LOGIN", default="30/m")},
}

AUTH_USER_MODEL = "satpas.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "satpas.auth.SatpasBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# A counter shift, not a browser lifetime.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 60 * 60)
# Counter PCs are shared: a session idle this long ends (satpas.middleware.IdleTimeoutMiddleware;
# the counter console warns a minute before). 0 turns it off.
SESSION_IDLE_TIMEOUT = timedelta(minutes=env.int("SESSION_IDLE_MINUTES", default=30))

# Login lock-out: five wrong passwords for one user from one address locks that pair, and
# twenty from one address, whatever the usernames, lock the address (someone trying many
# accounts). The address limit is higher because a unit's PCs often share one address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "satpas.auth.LockoutHandler"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0) or None

# Two-step sign-in (TOTP codes from an authenticator app) for Admin and Kasat Lantas: when on,
# they use nothing before a code is checked (satpas/two_factor.py). Others may enrol freely.
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = "Satpas"
# The admin lists devices (a superuser removes a lost one) but never shows their secrets.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Photos (appearance and cleanliness checks, compensation hand-over): at most this many bytes,
# enforced by satpas.photos.check_photo on every upload; each photo is then opened by Pillow
# and re-encoded as a JPEG without EXIF (no GPS position) before it is stored.
PHOTO_MAX_BYTES = env.int("PHOTO_MAX_MB", default=5) * 1024 * 1024
# Larger uploads are spooled to a temporary file rather than held in memory; the form
# fields other than files may not exceed this.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Evidence packs: the manifest is signed with the unit's Ed25519 key. By default the key is
# made on first use and stored in the database encrypted under a key derived from SECRET_KEY
# (keep SECRET_KEY with the backups: without it the key cannot be read). Or name a PEM file
# with an unencrypted Ed25519 private key; "{unit}" in the path becomes the unit code.
EVIDENCE_SIGNING_KEY_FILE = env.str("EVIDENCE_SIGNING_KEY_FILE", default="")
# Worker processes that write a pack's workbooks and PDF at once (one per core is right; 1
# writes them one after another in the background worker's own process).
EVIDENCE_PACK_WORKERS = env.int("EVIDENCE_PACK_WORKERS", default=2)

# Applicants' personal data (UU 27/2022 PDP) is kept this many years after their last
# application; `manage.py purge_personal_data --apply` (run it monthly) anonymises the rest.
PERSONAL_DATA_RETENTION_YEARS = env.int("PERSONAL_DATA_RETENTION_YEARS", default=5)

# How long a tablet stays enrolled as a unit's survey or renewal kiosk (signed cookie set by a
# supervisor, satpas.devices).
KIOSK_ENROLMENT_DAYS = env.int("KIOSK_ENROLMENT_DAYS", default=365)

# /healthz (satpas.health): the oldest task waiting for the worker may be this old, and the
# media disk this full, before the load balancer is told "error".
HEALTH_MAX_TASK_AGE_MINUTES = env.int("HEALTH_MAX_TASK_AGE_MINUTES", default=15)
HEALTH_DISK_MAX_PERCENT = env.float("HEALTH_DISK_MAX_PERCENT", default=95.0)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

TASKS = {
    "default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}
}

# Security headers. Scripts only from our own static files: no inline script anywhere.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Bootstrap components and Chart.js set element styles; no style sheets from elsewhere.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CSRF_FAILURE_VIEW = "satpas.views.csrf_failure"

if not DEBUG:
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # A load balancer probes over plain HTTP inside the LAN.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    if env.bool("BEHIND_TLS_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {
        "redact_personal_data": {"()": "satpas.logfilters.RedactPersonalData"},
        "quiet_forbidden": {"()": "satpas.logfilters.QuietForbidden"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Query parameters and bodies may carry personal data: log paths only, never payloads.
        "django.db.backends": {"level": "WARNING"},
        # Django's own console handler (in DEBUG) would print every record a second time
        # beside the root's: one handler, the root's.
        "django": {"handlers": []},
        "django.request": {"filters": ["quiet_forbidden"]},
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools report every font they load.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
