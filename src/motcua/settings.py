"""Settings, all from environment variables (documented in docs/operations.md)."""

import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from motcua.core.jsonlog import log_format

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(os.environ.get("MOTCUA_HOME", PACKAGE_DIR.parent.parent)).resolve()
VAR_DIR = Path(os.environ.get("MOTCUA_VAR_DIR", BASE_DIR / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


PRODUCTION = env_bool("MOTCUA_PRODUCTION", False)
DEBUG = env_bool("MOTCUA_DEBUG", not PRODUCTION)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY is required when MOTCUA_PRODUCTION=1")
    # Development: generate once and keep it, so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("MOTCUA_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("MOTCUA_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",
    "motcua.core",
    "motcua.organizations",
    "motcua.accounts",
    "motcua.catalog",
    "motcua.workflow",
    "motcua.calendar",
    "motcua.portal",
    "motcua.dossiers",
    "motcua.documents",
    "motcua.backoffice",
    "motcua.reports",
    "motcua.api",
    "motcua.results",
    "motcua.store",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A Content-Security-Policy header on every response (SECURE_CSP below), also on refusals.
    "motcua.core.csp.ContentSecurityPolicyMiddleware",
    # Control characters, oversize or malformed bodies, over-deep JSON: a 4xx before any view runs.
    "motcua.core.bad_input.BadInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Absolute links follow the request's address in development (motcua.core.public_url).
    "motcua.core.public_url.PublicUrlMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

if os.environ.get("DATABASE_REPLICA_URL"):
    # Before anything reads the database: decides where this request's reads go (core/replica.py).
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "motcua.core.replica.ReplicaMiddleware",
    )

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"
ASGI_APPLICATION = "motcua.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}",
        conn_max_age=int(os.environ.get("MOTCUA_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the single writer; IMMEDIATE takes the write lock at BEGIN so
    # concurrent writers queue on the busy timeout instead of failing mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    # A file (not :memory:) so tests with threads share it; one per process so parallel runs never collide.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"motcua-test-{os.getpid()}.sqlite3")
    }

# Read replicas (core/replica.py, docs/operations.md "Read replicas"): lag-tolerant reads of the public
# pages and reports go to a streaming replica of the primary when DATABASE_REPLICA_URL is set.
MOTCUA_REPLICA_STICKY_SECONDS = int(os.environ.get("MOTCUA_REPLICA_STICKY_SECONDS", "15"))
MOTCUA_REPLICA_RETRY_SECONDS = float(os.environ.get("MOTCUA_REPLICA_RETRY_SECONDS", "5"))
MOTCUA_REPLICA_PATHS = [
    p.strip()
    for p in os.environ.get(
        "MOTCUA_REPLICA_PATHS",
        r"^/$,^/thu-tuc/,^/tra-cuu/,^/lich-lam-viec/,^/can-bo/so-theo-doi/,^/api/v1/procedures",
    ).split(",")
    if p.strip()
]
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("MOTCUA_DB_CONN_MAX_AGE", "0")),
    )
    # A replica that does not answer within 2 s is marked down and the primary serves.
    DATABASES["replica"]["OPTIONS"] = {"connect_timeout": 2}
    # Tests read the replica through the primary's test database (the real replica test uses its own pair).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["motcua.core.replica.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organizations.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a rule: Django's hook on every saved password change; it revokes the user's API tokens.
    {"NAME": "motcua.api.password_change.RevokeApiTokensOnPasswordChange"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# dd/mm/yyyy for every date input and display, the admin included (motcua/formats/vi/formats.py).
FORMAT_MODULE_PATH = ["motcua.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("MOTCUA_STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
# Uploaded dossier files live outside the web root and are served only through views that check access.
MEDIA_ROOT = Path(os.environ.get("MOTCUA_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Files on S3-compatible storage (core/s3.py, docs/operations.md) when MOTCUA_S3_BUCKET is set; the
# folder MEDIA_ROOT otherwise.
MOTCUA_S3_BUCKET = os.environ.get("MOTCUA_S3_BUCKET", "")
if MOTCUA_S3_BUCKET:
    from motcua.core.s3 import storage_options

    STORAGES["default"] = storage_options(
        bucket=MOTCUA_S3_BUCKET,
        endpoint_url=os.environ.get("MOTCUA_S3_ENDPOINT_URL", ""),
        access_key=os.environ.get("MOTCUA_S3_ACCESS_KEY", ""),
        secret_key=os.environ.get("MOTCUA_S3_SECRET_KEY", ""),
        region=os.environ.get("MOTCUA_S3_REGION", ""),
        prefix=os.environ.get("MOTCUA_S3_PREFIX", ""),
        verify=env_bool("MOTCUA_S3_VERIFY_TLS", True),
    )

# Accounts (docs/accounts.md): one backend logs in by e-mail, phone or username and enforces throttling.
AUTHENTICATION_BACKENDS = ["motcua.accounts.backends.EmailPhoneOrUsernameBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "portal:home"
# Failed password logins allowed per identifier and per client IP within the window (stored in the DB).
MOTCUA_LOGIN_MAX_FAILURES_PER_IDENTIFIER = int(
    os.environ.get("MOTCUA_LOGIN_MAX_FAILURES_PER_IDENTIFIER", "5")
)
MOTCUA_LOGIN_MAX_FAILURES_PER_IP = int(os.environ.get("MOTCUA_LOGIN_MAX_FAILURES_PER_IP", "20"))
MOTCUA_LOGIN_WINDOW_MINUTES = int(os.environ.get("MOTCUA_LOGIN_WINDOW_MINUTES", "15"))
# Self-registrations (that pass the format checks) allowed per client IP within the window (in the DB).
MOTCUA_REGISTRATION_MAX_PER_IP = int(os.environ.get("MOTCUA_REGISTRATION_MAX_PER_IP", "10"))
MOTCUA_REGISTRATION_WINDOW_MINUTES = int(os.environ.get("MOTCUA_REGISTRATION_WINDOW_MINUTES", "60"))
# Behind a reverse proxy: the META key holding the client IP the proxy sets (e.g. HTTP_X_REAL_IP).
MOTCUA_CLIENT_IP_HEADER = os.environ.get("MOTCUA_CLIENT_IP_HEADER", "")
# An API bearer token works this many hours from its creation (docs/api.md); 720 h = 30 days.
MOTCUA_API_TOKEN_TTL_HOURS = int(os.environ.get("MOTCUA_API_TOKEN_TTL_HOURS", "720"))
PASSWORD_RESET_TIMEOUT = int(os.environ.get("MOTCUA_PASSWORD_RESET_TIMEOUT", str(60 * 60 * 24)))

# E-mail (Django 6.1 MAILERS): console in development, SMTP (the local mail relay unless configured) in
# production, locmem under tests (set by the test runner).
_EMAIL_BACKEND = os.environ.get(
    "MOTCUA_EMAIL_BACKEND",
    f"django.core.mail.backends.{'smtp' if PRODUCTION else 'console'}.EmailBackend",
)
_EMAIL_OPTIONS = {}
if _EMAIL_BACKEND.endswith(".smtp.EmailBackend"):
    _EMAIL_OPTIONS = {
        "host": os.environ.get("MOTCUA_EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("MOTCUA_EMAIL_PORT", "25")),
        "username": os.environ.get("MOTCUA_EMAIL_HOST_USER", ""),
        "password": os.environ.get("MOTCUA_EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("MOTCUA_EMAIL_USE_TLS", False),
    }
MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND, "OPTIONS": _EMAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = os.environ.get("MOTCUA_DEFAULT_FROM_EMAIL", "Một Cửa <no-reply@localhost>")

# Single sign-on through an OpenID Connect provider (national portal / VNeID model); off while unset.
MOTCUA_OIDC_ISSUER = os.environ.get("MOTCUA_OIDC_ISSUER", "")
MOTCUA_OIDC_CLIENT_ID = os.environ.get("MOTCUA_OIDC_CLIENT_ID", "")
MOTCUA_OIDC_CLIENT_SECRET = os.environ.get("MOTCUA_OIDC_CLIENT_SECRET", "")
# Endpoints: empty means "read them from {issuer}/.well-known/openid-configuration".
MOTCUA_OIDC_AUTHORIZATION_ENDPOINT = os.environ.get("MOTCUA_OIDC_AUTHORIZATION_ENDPOINT", "")
MOTCUA_OIDC_TOKEN_ENDPOINT = os.environ.get("MOTCUA_OIDC_TOKEN_ENDPOINT", "")
MOTCUA_OIDC_USERINFO_ENDPOINT = os.environ.get("MOTCUA_OIDC_USERINFO_ENDPOINT", "")
MOTCUA_OIDC_JWKS_URI = os.environ.get("MOTCUA_OIDC_JWKS_URI", "")
MOTCUA_OIDC_SCOPES = os.environ.get("MOTCUA_OIDC_SCOPES", "openid profile email phone")
MOTCUA_OIDC_ID_NUMBER_CLAIM = os.environ.get("MOTCUA_OIDC_ID_NUMBER_CLAIM", "id_number")
MOTCUA_OIDC_LABEL = os.environ.get("MOTCUA_OIDC_LABEL", "VNeID / Cổng Dịch vụ công quốc gia")
MOTCUA_OIDC_TIMEOUT = float(os.environ.get("MOTCUA_OIDC_TIMEOUT", "10"))

# HTTPS in production mode (docs/operations.md, "HTTPS"): secure cookies, a redirect of plain HTTP to
# HTTPS and HSTS. Behind a reverse proxy that terminates TLS, Django learns the request was HTTPS from
# the header the proxy sets (nginx: `proxy_set_header X-Forwarded-Proto $scheme;`); empty when no proxy.
if PRODUCTION:
    SESSION_COOKIE_SECURE = env_bool("MOTCUA_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("MOTCUA_SSL_REDIRECT", True)
    # Paths answered over plain HTTP too (regular expressions without the leading slash), e.g. a health
    # check the load balancer calls on port 80: MOTCUA_SSL_REDIRECT_EXEMPT="^healthz$".
    # The load balancer's probes (/healthz, /readyz) are always answered over plain HTTP too.
    SECURE_REDIRECT_EXEMPT = [
        r"^healthz$",
        r"^readyz$",
        *(p.strip() for p in os.environ.get("MOTCUA_SSL_REDIRECT_EXEMPT", "").split(",") if p.strip()),
    ]
    _PROXY_SSL_HEADER = os.environ.get("MOTCUA_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO").strip()
    SECURE_PROXY_SSL_HEADER = (_PROXY_SSL_HEADER, "https") if _PROXY_SSL_HEADER else None
    SECURE_HSTS_SECONDS = int(os.environ.get("MOTCUA_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("MOTCUA_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("MOTCUA_HSTS_PRELOAD", True)

# Content-Security-Policy on every response (core/csp.py): scripts, styles, fonts and images from this
# site only (images also as data: URLs, the receipts' QR codes), no inline script or style, no plugins,
# no framing, forms post here or, for single sign-on, to the OpenID provider the login form redirects
# to. A view may send its own policy (the back office's file viewer does).
_FORM_TARGETS = sorted(
    {
        "/".join(url.split("/", 3)[:3])
        for url in (MOTCUA_OIDC_ISSUER, MOTCUA_OIDC_AUTHORIZATION_ENDPOINT)
        if url.startswith(("https://", "http://"))
    }
)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF, *_FORM_TARGETS],
}

# Logs to stderr; one JSON object per line with MOTCUA_LOG_FORMAT=json, the default in production mode
# (core/jsonlog.py), plain text otherwise. One switch for every logger (web, worker, relay, national
# portal link); MOTCUA_JSON_LOGS, the relay's own switch before, is read when it is not set.
MOTCUA_LOG_FORMAT = log_format()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "motcua.core.jsonlog.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if MOTCUA_LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("MOTCUA_LOG_LEVEL", "INFO")},
    # fontTools logs every glyph subset at INFO (each signature box, each PDF): warnings only
    "loggers": {"fontTools": {"level": "WARNING"}},
}

# The public address of the site (QR codes on receipts point to its lookup page) and the place name
# printed on the date line of official forms ("Hải Phòng, ngày .. tháng .. năm ..").
# Absolute links (QR codes, e-mails, PDFs): motcua.core.public_url. Empty: the request's address in
# development, else MOTCUA_DEV_PUBLIC_URL or http://localhost:8000. Production must set it.
MOTCUA_PUBLIC_URL = os.environ.get("MOTCUA_PUBLIC_URL", "").rstrip("/")
MOTCUA_DOCUMENT_PLACE = os.environ.get("MOTCUA_DOCUMENT_PLACE", "Hải Phòng")

# Uploads (every front door: dossiers/intake.py), public lookup throttling, officers' "due soon" window,
# apologies, demo size.
MOTCUA_UPLOAD_MAX_FILE_MB = int(os.environ.get("MOTCUA_UPLOAD_MAX_FILE_MB", "10"))
MOTCUA_UPLOAD_MAX_DOSSIER_MB = int(os.environ.get("MOTCUA_UPLOAD_MAX_DOSSIER_MB", "50"))
MOTCUA_UPLOAD_MAX_FILES_PER_COMPONENT = int(os.environ.get("MOTCUA_UPLOAD_MAX_FILES_PER_COMPONENT", "10"))
MOTCUA_UPLOAD_MAX_FILES_PER_DOSSIER = int(os.environ.get("MOTCUA_UPLOAD_MAX_FILES_PER_DOSSIER", "50"))
# Input limits (core/bad_input.py, docs/operations.md "Input limits"). The largest body held in memory
# (a JSON body, a form's fields without its files); a multipart body may carry a whole dossier's files
# (MOTCUA_UPLOAD_MAX_DOSSIER_MB) on top, anything larger is refused with 413 before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("MOTCUA_MAX_BODY_KB", "2560")) * 1024
# Fields per request (query string and form each) and files per request: Django's defaults.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = int(os.environ.get("MOTCUA_UPLOAD_MAX_FILES_PER_REQUEST", "100"))
# Deepest nesting of arrays/objects accepted in a JSON body (an e-form is 2–3 levels deep).
MOTCUA_JSON_MAX_DEPTH = 32
# Public lookup limits (portal.services.lookup_blocked_until): misses per code and address with a
# back-off, and distinct codes missed per address (enumeration).
MOTCUA_LOOKUP_MAX_MISSES_PER_CODE = int(os.environ.get("MOTCUA_LOOKUP_MAX_MISSES_PER_CODE", "5"))
MOTCUA_LOOKUP_BACKOFF_SECONDS = int(os.environ.get("MOTCUA_LOOKUP_BACKOFF_SECONDS", "60"))
MOTCUA_LOOKUP_MAX_MISSES_PER_IP = int(os.environ.get("MOTCUA_LOOKUP_MAX_MISSES_PER_IP", "30"))
MOTCUA_LOOKUP_WINDOW_MINUTES = int(os.environ.get("MOTCUA_LOOKUP_WINDOW_MINUTES", "15"))
# Housekeeping (`manage.py housekeeping`, daily): open drafts untouched this many days are deleted with
# their files; stored files no row refers to are deleted once older than the grace period.
MOTCUA_DRAFT_RETENTION_DAYS = int(os.environ.get("MOTCUA_DRAFT_RETENTION_DAYS", "30"))
MOTCUA_ORPHAN_FILE_GRACE_HOURS = int(os.environ.get("MOTCUA_ORPHAN_FILE_GRACE_HOURS", "24"))
MOTCUA_DUE_SOON_HOURS = int(os.environ.get("MOTCUA_DUE_SOON_HOURS", "8"))
MOTCUA_APOLOGY_WINDOW_HOURS = int(os.environ.get("MOTCUA_APOLOGY_WINDOW_HOURS", "8"))
# Demo mode: the /demo/ page listing every demo account (with the shared password). On unless production.
MOTCUA_DEMO = env_bool("MOTCUA_DEMO", not PRODUCTION)
MOTCUA_DEMO_DOSSIERS = int(os.environ.get("MOTCUA_DEMO_DOSSIERS", "1000"))
# Early warning (reports/warnings.py): "at risk" when due within this many working hours.
MOTCUA_AT_RISK_HOURS = float(os.environ.get("MOTCUA_AT_RISK_HOURS", "16"))

# The province this deployment serves (the demo data uses an invented identifier, see docs).
MOTCUA_PROVINCE_NAME = os.environ.get("MOTCUA_PROVINCE_NAME", "Thành phố Hải Phòng")

# ----- Background jobs, the outbox relay and the national portal link (docs/operations.md "Jobs") -----
INSTALLED_APPS += ["django_tasks_db", "django_periodic_tasks", "motcua.jobs", "motcua.integrations"]
# database (default: django-tasks-db on the same database), redis (django-tasks-rq), immediate (tests).
MOTCUA_JOBS_BACKEND = os.environ.get("MOTCUA_JOBS_BACKEND", "database")
MOTCUA_REDIS_URL = os.environ.get("MOTCUA_REDIS_URL", "redis://127.0.0.1:6379/0")
if MOTCUA_JOBS_BACKEND == "redis":
    INSTALLED_APPS += ["django_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": MOTCUA_REDIS_URL, "DEFAULT_TIMEOUT": 600}}
elif MOTCUA_JOBS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A cache shared by every process (docs/operations.md): the statistics' day caches (reports/cache.py)
# and their invalidation by `rebuild_rollups` / `import_dossiers` reach every web process at once.
# Unset: each process's own memory (one machine, `make run`); a rebuild or an import run from the
# command line then shows in the web processes' closed months at the next local midnight.
MOTCUA_CACHE_URL = os.environ.get("MOTCUA_CACHE_URL", "")
if MOTCUA_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": MOTCUA_CACHE_URL,
            "KEY_PREFIX": os.environ.get("MOTCUA_CACHE_PREFIX", "motcua"),
        }
    }
# The relay: records claimed per round, lease of a claim, attempts before the dead-letter state,
# backoff base and cap (seconds; exponential with full jitter), idle poll interval of the worker.
MOTCUA_RELAY_BATCH = int(os.environ.get("MOTCUA_RELAY_BATCH", "100"))
MOTCUA_RELAY_LEASE_SECONDS = int(os.environ.get("MOTCUA_RELAY_LEASE_SECONDS", "300"))
MOTCUA_RELAY_MAX_ATTEMPTS = int(os.environ.get("MOTCUA_RELAY_MAX_ATTEMPTS", "10"))
MOTCUA_RELAY_BACKOFF_BASE = float(os.environ.get("MOTCUA_RELAY_BACKOFF_BASE", "2"))
MOTCUA_RELAY_BACKOFF_CAP = float(os.environ.get("MOTCUA_RELAY_BACKOFF_CAP", "3600"))
MOTCUA_RELAY_POLL_SECONDS = float(os.environ.get("MOTCUA_RELAY_POLL_SECONDS", "1"))
# The outbox projector (jobs/projector.py): statistics and notifications derived in the worker.
MOTCUA_PROJECTOR_POLL = float(os.environ.get("MOTCUA_PROJECTOR_POLL", "1"))
MOTCUA_PROJECTOR_BATCH = int(os.environ.get("MOTCUA_PROJECTOR_BATCH", "500"))
MOTCUA_PROJECTOR_LEASE_SECONDS = int(os.environ.get("MOTCUA_PROJECTOR_LEASE_SECONDS", "120"))
# The national portal (DVCQG) connector: off while the URLs are unset (docs/integrations.md).
MOTCUA_DVCQG_AUTH_URL = os.environ.get("MOTCUA_DVCQG_AUTH_URL", "")
MOTCUA_DVCQG_SERVICE_URL = os.environ.get("MOTCUA_DVCQG_SERVICE_URL", "")
MOTCUA_DVCQG_USERNAME = os.environ.get("MOTCUA_DVCQG_USERNAME", "")
MOTCUA_DVCQG_PASSWORD = os.environ.get("MOTCUA_DVCQG_PASSWORD", "")
MOTCUA_DVCQG_MADONVI = os.environ.get("MOTCUA_DVCQG_MADONVI", "")
MOTCUA_DVCQG_TIMEOUT = float(os.environ.get("MOTCUA_DVCQG_TIMEOUT", "15"))
# `make run` with MOTCUA_DVCQG_FAKE=1 starts the fake portal on loopback and points the connector at it.
MOTCUA_DVCQG_FAKE = env_bool("MOTCUA_DVCQG_FAKE", False)
# The portal's error codes for "session expired", "already exists" (insert of a known dossier) and
# "not found" (update of an unknown one), comma-separated; confirm them with the portal's operator.
MOTCUA_DVCQG_SESSION_EXPIRED_CODES = os.environ.get("MOTCUA_DVCQG_SESSION_EXPIRED_CODES", "-1")
MOTCUA_DVCQG_ALREADY_EXISTS_CODES = os.environ.get("MOTCUA_DVCQG_ALREADY_EXISTS_CODES", "2")
MOTCUA_DVCQG_NOT_FOUND_CODES = os.environ.get("MOTCUA_DVCQG_NOT_FOUND_CODES", "3")
# ----- Notifications (docs/operations.md "Notifications", docs/integrations.md) -----
INSTALLED_APPS += ["motcua.notifications"]
# The channels in use (comma-separated); SMS and Zalo also need their settings below.
MOTCUA_NOTIFY_CHANNELS = os.environ.get("MOTCUA_NOTIFY_CHANNELS", "email,sms,zalo")
# Dispatcher: messages per round, lease, tries before dead, backoff base/cap (s), idle poll (s).
MOTCUA_NOTIFY_BATCH = int(os.environ.get("MOTCUA_NOTIFY_BATCH", "50"))
MOTCUA_NOTIFY_LEASE_SECONDS = int(os.environ.get("MOTCUA_NOTIFY_LEASE_SECONDS", "600"))
MOTCUA_NOTIFY_MAX_ATTEMPTS = int(os.environ.get("MOTCUA_NOTIFY_MAX_ATTEMPTS", "8"))
MOTCUA_NOTIFY_BACKOFF_BASE = float(os.environ.get("MOTCUA_NOTIFY_BACKOFF_BASE", "30"))
MOTCUA_NOTIFY_BACKOFF_CAP = float(os.environ.get("MOTCUA_NOTIFY_BACKOFF_CAP", "3600"))
MOTCUA_NOTIFY_POLL_SECONDS = float(os.environ.get("MOTCUA_NOTIFY_POLL_SECONDS", "2"))
# Working hours before the due date at which officers and leaders are warned ("8", or "16,4").
MOTCUA_NOTIFY_DUE_SOON_HOURS = os.environ.get("MOTCUA_NOTIFY_DUE_SOON_HOURS", str(MOTCUA_DUE_SOON_HOURS))
# SMS through a generic HTTP gateway: off while MOTCUA_SMS_URL is unset.
MOTCUA_SMS_URL = os.environ.get("MOTCUA_SMS_URL", "")
MOTCUA_SMS_TOKEN = os.environ.get("MOTCUA_SMS_TOKEN", "")
MOTCUA_SMS_SENDER = os.environ.get("MOTCUA_SMS_SENDER", "MOTCUA")
MOTCUA_SMS_TIMEOUT = float(os.environ.get("MOTCUA_SMS_TIMEOUT", "10"))
MOTCUA_SMS_PERMANENT_CODES = os.environ.get("MOTCUA_SMS_PERMANENT_CODES", "")
MOTCUA_SMS_FAKE = env_bool("MOTCUA_SMS_FAKE", False)
# Zalo OA (ZNS template messages): off while MOTCUA_ZALO_ACCESS_TOKEN is unset.
MOTCUA_ZALO_URL = os.environ.get("MOTCUA_ZALO_URL", "https://business.openapi.zalo.me/message/template")
MOTCUA_ZALO_ACCESS_TOKEN = os.environ.get("MOTCUA_ZALO_ACCESS_TOKEN", "")
MOTCUA_ZALO_TEMPLATE_IDS = os.environ.get("MOTCUA_ZALO_TEMPLATE_IDS", "")
MOTCUA_ZALO_TIMEOUT = float(os.environ.get("MOTCUA_ZALO_TIMEOUT", "10"))
MOTCUA_ZALO_PERMANENT_CODES = os.environ.get("MOTCUA_ZALO_PERMANENT_CODES", "-108,-118,-119")
MOTCUA_ZALO_FAKE = env_bool("MOTCUA_ZALO_FAKE", False)
# httpx logs every request at INFO: the relay logs failures itself.
LOGGING["loggers"] = {**LOGGING.get("loggers", {}), "httpx": {"level": "WARNING"}}

# Inbound dossiers from the national portal (docs/integrations.md "Inbound dossiers"): files given as
# URLs are fetched only under these prefixes (comma-separated, e.g. "https://files.dichvucong.gov.vn/"),
# within this many seconds each, and at most MOTCUA_UPLOAD_MAX_FILE_MB each.
MOTCUA_DVCQG_INBOUND_URL_PREFIXES = os.environ.get("MOTCUA_DVCQG_INBOUND_URL_PREFIXES", "")
MOTCUA_DVCQG_INBOUND_FETCH_TIMEOUT = float(os.environ.get("MOTCUA_DVCQG_INBOUND_FETCH_TIMEOUT", "20"))
# The relay's and the national portal link's loggers: same handler and format as every other logger
# (MOTCUA_LOG_FORMAT above); their events carry fields (event, dossier_code, outbox_id, error_code…).
for _name in ("motcua.relay", "motcua.integrations"):
    LOGGING["loggers"][_name] = {"level": os.environ.get("MOTCUA_LOG_LEVEL", "INFO")}
# Online payment (docs/payments.md): VNPay 2.1.0 is on when its pay URL is set; the national payment
# platform when its URL is set. `make run` with MOTCUA_VNPAY_FAKE=1 starts the fake gateway on loopback.
INSTALLED_APPS += ["motcua.payments"]
MOTCUA_VNPAY_TMN_CODE = os.environ.get("MOTCUA_VNPAY_TMN_CODE", "")
MOTCUA_VNPAY_HASH_SECRET = os.environ.get("MOTCUA_VNPAY_HASH_SECRET", "")
MOTCUA_VNPAY_PAY_URL = os.environ.get("MOTCUA_VNPAY_PAY_URL", "")
MOTCUA_VNPAY_API_URL = os.environ.get("MOTCUA_VNPAY_API_URL", "")
MOTCUA_VNPAY_EXPIRE_MINUTES = int(os.environ.get("MOTCUA_VNPAY_EXPIRE_MINUTES", "15"))
MOTCUA_VNPAY_FAKE = env_bool("MOTCUA_VNPAY_FAKE", False)
MOTCUA_NPP_URL = os.environ.get("MOTCUA_NPP_URL", "")
MOTCUA_NPP_PARTNER_CODE = os.environ.get("MOTCUA_NPP_PARTNER_CODE", "")
MOTCUA_NPP_SECRET = os.environ.get("MOTCUA_NPP_SECRET", "")
# Signed e-results (motcua/results, docs/results.md). Agencies' private keys are stored encrypted
# under MOTCUA_SIGNING_SECRET (any passphrase; by default derived from SECRET_KEY — set it in
# production so that rotating SECRET_KEY does not lock the keys away). Extra trust roots for
# verification: a PEM file of CA certificates. A TSA URL (RFC 3161) adds a timestamp to each signature.
MOTCUA_SIGNING_SECRET = os.environ.get("MOTCUA_SIGNING_SECRET", "")
MOTCUA_SIGNING_TRUST_ROOTS = os.environ.get("MOTCUA_SIGNING_TRUST_ROOTS", "")
MOTCUA_SIGNING_TSA_URL = os.environ.get("MOTCUA_SIGNING_TSA_URL", "")
MOTCUA_VERIFY_MAX_FILE_MB = int(os.environ.get("MOTCUA_VERIFY_MAX_FILE_MB", "10"))
