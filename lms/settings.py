"""Settings for the master-class site.

One file, every value overridable by an environment variable (see README.md and
.env.example). Two modes share the code: embedded (SQLite, filesystem Celery
broker, mail written to files under var/) and services (PostgreSQL, Redis, SMTP).
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
# Read after .env, so a VAR_DIR written there counts (real environment variables still win).
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be 'development' or 'production', not {DJANGO_ENV!r}.")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DJANGO_ENV=production: set it to a random string of at least "
            "50 characters, for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`."
        )
else:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production-0123456789")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
# The development server's port (`make run PORT=8001`); SITE_URL follows it unless set itself.
PORT = env.int("PORT", default=8000)
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{PORT}").rstrip("/")
SITE_NAME = env.str("SITE_NAME", default="Master Class Coaching")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",  # Django's widget templates, found by FORM_RENDERER through TEMPLATES
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "lms",
    "accounts",
    "courses",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.middleware.UserLanguageMiddleware",  # a logged-in user's saved language wins
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "lms.middleware.StaffTwoFactorMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

# One field template for every form: templates/forms/field.html (lms/form_renderer.py).
FORM_RENDERER = "lms.form_renderer.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lms.context_processors.site",
                "lms.context_processors.nav",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and the Celery worker share one file: WAL lets readers and a writer
    # work at once, IMMEDIATE takes the write lock up front, the timeout waits for it.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# Persistent connections in production, for SQLite too: opening the file and running the WAL
# pragmas cost a gunicorn worker about 2.5 ms of CPU per request (measured for issue 18).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions ------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "lms.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="lms"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "lms.sessions"  # Django's database store, its per-request read written out
# `{% cache %}` fragments: the default cache, with this process's copies in front (lms/cache.py).
CACHES["template_fragments"] = {"BACKEND": "lms.cache.VersionedFragmentCache"}

# --- Auth and accounts ------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's backends, under the names stored in existing sessions (accounts/backends.py).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
# Argon2id at OWASP's minimum cost (lms/hashers.py says why); older hashes still verify and are
# rewritten at the next login.
PASSWORD_HASHERS = [
    "lms.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True  # in the browser that signed up; elsewhere: login page with a message
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
# Tell people by email when their password, email addresses or MFA change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated here so they are visible; stored in the cache (Redis when set).
    # Per account: 5 failures in 5 minutes. Per IP: allauth's default, so one office behind
    # one NAT address is not locked out together by a few mistyped passwords.
    "login_failed": "10/m/ip,5/5m/key",
    # Successful logins per IP: allauth allows 30 a minute, but a cohort of 200 behind one office
    # NAT address logs in at 09:00. Guessing stays limited by "login_failed" above.
    "login": "300/m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

# --- Internationalisation ----------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Amsterdam")
USE_I18N = True
USE_TZ = True
# Date formats per language (lms/formats/<lang>/formats.py); templates show dates via lms/templatetags/dates.py.
FORMAT_MODULE_PATH = ["lms.formats"]

# --- Static and media ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "lms" / "static"]
STORAGES = {
    # Private uploads (attachments, submissions, certificates) live outside any public
    # path and are served only by access-checked views.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))},
    },
    "staticfiles": {
        "BACKEND": "lms.static_storage.StaticStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Email -----------------------------------------------------------------------
# Django 6.1's MAILERS (no deprecated EMAIL_BACKEND/EMAIL_HOST/... settings). One mailer,
# "default": SMTP from EMAIL_URL, or files under var/mail/ when EMAIL_URL is unset. Every
# email of the site goes through the reminder engine's outbox (courses.reminders.engine),
# which sends with django.core.mail.mailers.default; allauth's mails go via lms.tasks.
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"{SITE_NAME} <noreply@example.com>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_URL = env.str("EMAIL_URL", default="")
EMAIL_FILE_DIR = VAR_DIR / "mail"  # where mail goes without EMAIL_URL


def _mailer_from_url(url: str, timeout: int) -> dict:
    """A MAILERS entry from an EMAIL_URL such as smtp+tls://user:password@host:587."""
    parsed = environ.Env.email_url_config(url)
    options = {
        "host": parsed.get("EMAIL_HOST", ""),
        "port": parsed.get("EMAIL_PORT"),
        "username": parsed.get("EMAIL_HOST_USER", ""),
        "password": parsed.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": parsed.get("EMAIL_USE_TLS", False),
        "use_ssl": parsed.get("EMAIL_USE_SSL", False),
        "timeout": timeout,
    }
    return {"BACKEND": parsed["EMAIL_BACKEND"], "OPTIONS": {k: v for k, v in options.items() if v is not None}}


if EMAIL_URL:
    MAILERS = {"default": _mailer_from_url(EMAIL_URL, env.int("EMAIL_TIMEOUT", default=10))}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(EMAIL_FILE_DIR)},
        }
    }

# The outbox and every task share one retry policy (lms.celery.RETRY): backoff in seconds,
# doubling up to the maximum, with jitter; a reminder row fails after TASK_MAX_RETRIES tries.
TASK_RETRY_BACKOFF = env.int("TASK_RETRY_BACKOFF", default=30)
TASK_RETRY_BACKOFF_MAX = env.int("TASK_RETRY_BACKOFF_MAX", default=300)  # below the Redis visibility timeout
TASK_MAX_RETRIES = env.int("TASK_MAX_RETRIES", default=6)
# A reminder row claimed longer ago than this (seconds) was held by a worker that died.
REMINDERS_CLAIM_TIMEOUT = env.int("REMINDERS_CLAIM_TIMEOUT", default=600)

# --- Celery ------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "filesystem://localhost/"  # a host, so kombu does not warn each start
if not REDIS_URL:
    _broker_dir = VAR_DIR / "celery" / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
else:
    # Longer than any task runs; reminders are found by a periodic sweep, never by long ETAs.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Memory: each prefork child holds the whole site (~85 MB) and grows while it renders certificates
# (WeasyPrint, fonts) or sends a batch. Two children by default (not one per CPU: that multiplies
# the memory on a big host), and a child whose resident memory passed the limit (KB) after a task
# is replaced by a fresh one, so a worker's footprint stays bounded however long it runs.
CELERY_WORKER_CONCURRENCY = env.int("CELERY_WORKER_CONCURRENCY", default=2)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=150_000)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=180)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {
    # courses.reminders: find due reminders every 15 minutes (never far-future ETAs).
    "reminders-sweep": {"task": "courses.reminders_sweep_task", "schedule": 15 * 60},
    # courses.exercises: give late peer reviews to someone else (hourly).
    "peer-reviews-replace-late": {"task": "courses.peer_reviews_replace_late_task", "schedule": 60 * 60},
}

# --- Limits of the studio -------------------------------------------------------------------
# Largest lesson attachment a trainer may upload (studio and admin alike).
STUDIO_MAX_ATTACHMENT_BYTES = env.int("STUDIO_MAX_ATTACHMENT_BYTES", default=10 * 1024 * 1024)
STUDIO_MAX_IMPORT_BYTES = env.int("STUDIO_MAX_IMPORT_BYTES", default=5 * 1024 * 1024)
# Largest practice-conversation recording a participant may upload (streamed to disk, never held in memory).
PRACTICE_MAX_UPLOAD_BYTES = env.int("PRACTICE_MAX_UPLOAD_BYTES", default=200 * 1024 * 1024)

# --- Security ------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    # blob: plays a practice take back in the browser before it is uploaded.
    "media-src": [CSP.SELF, "blob:"],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Every record is written once, by the root handler. Django's default config gives the
# "django" logger its own console handler (in DEBUG) and lets it propagate to root as well,
# so each "Not Found: /favicon.ico" appeared twice: "django" gets no handler of its own here.
# "django.server" (runserver's request line) keeps Django's own handler and does not propagate.
# A 4xx is one line without a traceback (lms.log_filters.OneLineClientErrors).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_client_errors": {"()": "lms.log_filters.OneLineClientErrors"}},
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # Configuring "django" resets its children, so runserver's request line is set up again here.
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "django.request": {"filters": ["one_line_client_errors"]},
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint narrates every PDF step by step at INFO; the certificate task logs the outcome.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
