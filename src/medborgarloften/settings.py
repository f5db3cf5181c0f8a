"""Django settings for Medborgarlöften.

Every setting that differs between the demo and production comes from an
environment variable (listed in README.md, "Configuration"). The defaults give
the embedded demo: SQLite in WAL mode inside a local data folder.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("MEDBORGARLOFTEN_DATA_DIR", Path.cwd() / "data")).resolve()


def _env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key():
    """Return SECRET_KEY from the environment, else a key kept in the data folder.

    The demo must start with no configuration, yet sessions must survive a
    restart and be shared by all worker processes, so the key is generated once
    and stored beside the database.
    """
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "secret_key"
    try:
        # O_EXCL: of several processes starting at once, exactly one writes the
        # key, and the file is private from the moment it exists.
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DEBUG")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    # Base apps every stage of the cycle may use (README, "Architecture").
    "medborgarloften.web",
    "medborgarloften.audit",
    "medborgarloften.areas",
    "medborgarloften.accounts",
    "medborgarloften.scope",
    "medborgarloften.jobs",
    # Stages of the cycle, earlier before later.
    "medborgarloften.statistics",
    "medborgarloften.surveys",
    "medborgarloften.dialogues",
    "medborgarloften.problems",
    "medborgarloften.promises",
    "medborgarloften.followup",
    "medborgarloften.site",
    "medborgarloften.site.documents",
    "medborgarloften.site.opendata",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    # Django REST framework is used but deliberately not installed as an app: the API renders no template (no
    # browsable API), and an installed app's catalogue would replace Django's own Swedish form messages
    # ("Detta fält måste fyllas i.") with its own wording on every form of the site.
    "drf_spectacular",
    "corsheaders",
]

MIDDLEWARE = [
    # First: anonymous public pages are answered from memory before anything else runs (web/pagecache.py).
    "medborgarloften.web.pagecache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "medborgarloften.web.middleware.LanguageMiddleware",
    # CORS for the read-only open data API only (CORS_URLS_REGEX below); before CommonMiddleware.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle and absolute timeouts of signed-in sessions (accounts/sessions.py).
    "medborgarloften.accounts.sessions.SessionTimeoutMiddleware",
    # A one-time password is changed before anything else (accounts/middleware.py).
    "medborgarloften.accounts.middleware.PasswordChangeRequiredMiddleware",
    # Signatories and administrators set up two-factor sign-in; a person with a device gives the code (accounts/twofactor.py).
    "medborgarloften.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "medborgarloften.web.middleware.SecurityHeadersMiddleware",
    # Turns a blocked rate limit into RATELIMIT_VIEW's "429 Too Many Requests".
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "medborgarloften.urls"
WSGI_APPLICATION = "medborgarloften.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "medborgarloften.web.context_processors.navigation",
                "medborgarloften.web.context_processors.publisher",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------

SQLITE_PATH = DATA_DIR / "medborgarloften.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once across worker processes;
    # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait for
    # busy_timeout instead of failing with "database is locked" mid-transaction.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, rate limits ------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    # The database cache is shared by every worker process (unlike LocMem), so
    # rate limits hold across the demo's gunicorn workers too.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache_table"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Messages live server-side (a one-time password must never travel in a cookie).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

RATELIMIT_ENABLE = _env_bool("RATELIMIT_ENABLE", True)
# Behind load balancers the client's address is in X-Forwarded-For; TRUSTED_PROXIES
# says how many proxies append to it, so the address they saw is used.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
RATELIMIT_IP_META_KEY = "medborgarloften.web.middleware.client_ip"
RATELIMIT_VIEW = "medborgarloften.web.views.ratelimited"
# Sign-in limits (accounts/limits.py): per address and username, per address, and a slower one per username
# that a browser where the person signed in before is exempt from.
LOGIN_RATE = os.environ.get("LOGIN_RATE", "10/m")
LOGIN_ADDRESS_RATE = os.environ.get("LOGIN_ADDRESS_RATE", "30/m")
LOGIN_USERNAME_RATE = os.environ.get("LOGIN_USERNAME_RATE", "30/h")

# --- Safety surveys (README, "Safety surveys") ------------------------------
# Open-link questionnaires: starts and submissions per address; codes typed per address.
SURVEY_OPEN_RATE = os.environ.get("SURVEY_OPEN_RATE", "30/h")
SURVEY_CODE_RATE = os.environ.get("SURVEY_CODE_RATE", "20/m")
# Results are recomputed (and answers re-stamped) at most this often while answers arrive.
SURVEY_REFRESH_SECONDS = int(os.environ.get("SURVEY_REFRESH_SECONDS", "300"))
# Which answers on the four-step scale count as "a problem" for the police-style levels.
SURVEYS_PROBLEM_ANSWERS = ("3", "4")

# --- E-mail ---------------------------------------------------------------

# Reminders and notices. Without EMAIL_HOST they are printed to the console
# (the demo); in production set EMAIL_HOST and its friends.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Medborgarlöften <noreply@localhost>")

# --- Background tasks -----------------------------------------------------

# One mechanism for imports, documents, reminders and text analysis: Django's
# tasks API. "immediate" runs a task inside the request that enqueues it (the
# demo, the tests); "database" queues it for ``medborgarloften worker``.
TASK_BACKEND = os.environ.get("TASK_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASK_BACKEND],
        "QUEUES": [],
    }
}

# --- Signed documents (site.documents) ---------------------------------------

# Rendered PDFs are stored under MEDIA_ROOT/documents/ (MEDIA_ROOT: see the
# dialogues' block), one file per document and content hash; with several app
# hosts it must be shared (or STORAGES["default"] an object store). The
# document views serve them.
# The platform's signing key and certificate (PEM; the certificate file may go
# on with its chain). Unset: a self-signed demo certificate is generated into
# DATA_DIR/signing-demo/ on first use and named as a demo certificate.
DOCUMENT_SIGNING_KEY = os.environ.get("DOCUMENT_SIGNING_KEY", "")
DOCUMENT_SIGNING_CERT = os.environ.get("DOCUMENT_SIGNING_CERT", "")
DOCUMENT_SIGNING_PASSPHRASE = os.environ.get("DOCUMENT_SIGNING_PASSPHRASE", "")
# An RFC 3161 time-stamping authority: signatures become PAdES B-T instead of B-B.
DOCUMENT_TIMESTAMP_URL = os.environ.get("DOCUMENT_TIMESTAMP_URL", "")
# The public address printed in documents (QR code, verification link); unset,
# the address of the request that first asked for the document.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")
DOCUMENT_UPLOAD_MAX_BYTES = int(os.environ.get("DOCUMENT_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
VERIFY_RATE = os.environ.get("VERIFY_RATE", "30/m")

# --- Statistics imports ------------------------------------------------------

# Uploaded statistics files wait here between the check and the import; they
# are never served (not under STATIC_ROOT).
STATISTICS_IMPORT_DIR = Path(os.environ.get("STATISTICS_IMPORT_DIR", DATA_DIR / "imports"))
# The police events feed (``medborgarloften import police-events --url``); polisen.se
# asks for a User-Agent naming the application and a contact.
POLICE_EVENTS_USER_AGENT = os.environ.get(
    "POLICE_EVENTS_USER_AGENT", "Medborgarloften/0.1 (+https://github.com/medborgarloften)")

# --- Where records are shown ------------------------------------------------


def _public_url(name, **kwargs):
    from django.urls import reverse

    return reverse(f"site:{name}", kwargs=kwargs)


# A record's public page is the public site's business, not its model's: the
# base apps and earlier stages never name a URL of a later app.
# The documents written from a problem picture (the statutory lägesbild and åtgärdsplan live in site, above
# promises, because the plan reads the promises): URL names the picture's workspace page links to.
PROBLEMS_DOCUMENT_URLS = (("site:situation_report", "situation_report"), ("site:action_plan", "action_plan"))

ABSOLUTE_URL_OVERRIDES = {
    "areas.county": lambda county: _public_url("county", code=county.code, slug=county.slug),
    "areas.municipality": lambda m: _public_url("municipality", code=m.code, slug=m.slug),
    "promises.promise": lambda promise: _public_url("promise", pk=promise.pk),
}

# --- Authentication -------------------------------------------------------

AUTH_USER_MODEL = "accounts.Person"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# Two-factor sign-in (accounts/twofactor.py): the issuer shown in authenticator apps; how recent a sign-in (password,
# and code if the person has a device) must be for an official act such as signing a promise.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Medborgarlöften")
REAUTHENTICATION_SECONDS = int(os.environ.get("REAUTHENTICATION_SECONDS", "300"))
TWO_FACTOR_RATE = os.environ.get("TWO_FACTOR_RATE", "10/m")
# Signed-in sessions end after this long without a request, and this long after signing in (accounts/sessions.py).
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", str(10 * 3600)))
SESSION_TOUCH_SECONDS = 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
LOGIN_REDIRECT_URL = "web:workspace"
LOGOUT_REDIRECT_URL = "site:home"

# --- The publisher: who runs this site (footer, accessibility statement, personal data) ---

# The demo's defaults are placeholders (".example" addresses); a real installation
# sets its own organisation's contact details (README, "Configuration").
PUBLISHER_NAME = os.environ.get("PUBLISHER_NAME", "Medborgarlöften (demo)")
PUBLISHER_ADDRESS = os.environ.get("PUBLISHER_ADDRESS", "Box 000, 831 00 Östersund")
PUBLISHER_EMAIL = os.environ.get("PUBLISHER_EMAIL", "kontakt@medborgarloften.example")
PUBLISHER_PHONE = os.environ.get("PUBLISHER_PHONE", "010-000 00 00")
# The data protection officer (dataskyddsombud) residents and staff may turn to.
PUBLISHER_DPO_EMAIL = os.environ.get("PUBLISHER_DPO_EMAIL", "dataskyddsombud@medborgarloften.example")
# When the accessibility of the site was last assessed (ISO date; the statement says so).
ACCESSIBILITY_ASSESSED_ON = os.environ.get("ACCESSIBILITY_ASSESSED_ON", "2026-11-29")

# --- Public page cache ------------------------------------------------------

PUBLIC_PAGE_CACHE = _env_bool("PUBLIC_PAGE_CACHE", True)
# Never from the store: signed-in areas, forms, the API (which has its own
# headers), static and uploaded files.
PUBLIC_PAGE_CACHE_EXCLUDE = ["/arbetsyta/", "/konto/", "/admin/", "/api/", "/static/", "/media/", "/sprak/"]
# Browsers and a shared cache may keep a page for a second, then revalidate (304).
PUBLIC_PAGE_CACHE_CONTROL = "public, max-age=1"

# --- Open data API (README, "Open data") ------------------------------------

# Read-only, anonymous, versioned under /api/v1/. No authentication (so no
# session, no CSRF cookie), JSON or CSV chosen by ``?format=`` or a ``.csv``
# suffix only (never by the Accept header, so an address always means one
# representation), limit/offset pages of at most API_MAX_PAGE_SIZE records.
API_RATE = os.environ.get("API_RATE", "120/m")
API_MAX_PAGE_SIZE = int(os.environ.get("API_MAX_PAGE_SIZE", "1000"))
API_PAGE_SIZE = int(os.environ.get("API_PAGE_SIZE", "100"))
# Browsers and shared caches may keep an answer this long (an ETag lets them revalidate).
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "60"))
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "medborgarloften.site.opendata.renderers.FlatCSVRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "medborgarloften.site.opendata.negotiation.FormatOnlyNegotiation",
    "DEFAULT_PAGINATION_CLASS": "medborgarloften.site.opendata.pagination.RecordPagination",
    "DEFAULT_THROTTLE_CLASSES": ["medborgarloften.site.opendata.throttling.AnonymousRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": False,
    "UNICODE_JSON": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Medborgarlöften open data",
    "DESCRIPTION": (
        "Every published record of the citizen promise cycle: counties, municipalities, signed promises with "
        "their commitments, activities, signatures and version hashes, follow-up reports, indicators, published "
        "safety survey results, statistics series and counts of published residents' comments. Read-only, "
        "anonymous, JSON or CSV (`?format=csv`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PUBLIC": True,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "PREPROCESSING_HOOKS": ["medborgarloften.site.opendata.schema.drop_format_suffixes"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "medborgarloften.site.opendata.schema.csv_as_text",
    ],
}
# CORS: any origin may read the API (GET, HEAD, OPTIONS), never with credentials.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("Link", "X-Total-Count", "ETag", "Retry-After")
CORS_PREFLIGHT_MAX_AGE = 86400

# --- Security headers -----------------------------------------------------

SECURE = _env_bool("MEDBORGARLOFTEN_SECURE")  # behind HTTPS in production
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = SECURE and _env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'"

# --- Internationalisation -------------------------------------------------

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

# --- Static files ---------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# WhiteNoise warns at start-up when the folder is missing (before collectstatic).
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not _env_bool("MEDBORGARLOFTEN_PLAIN_STATIC")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_forbidden": {"()": "medborgarloften.web.logging.OneLineForbidden"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # A 403 is one line in the log, without a traceback (web/logging.py).
        "django.request": {"filters": ["one_line_forbidden"]},
    },
}

# --- Dialogues: uploaded files, comment limits, the map ---------------------

# Attachments and safety-walk photos; served only through views that check
# who may see them (never as plain URLs under MEDIA_URL).
MEDIA_ROOT = DATA_DIR / "media"
DIALOGUES_MAX_ATTACHMENT_SIZE = int(os.environ.get("DIALOGUES_MAX_ATTACHMENT_SIZE", str(10 * 1024 * 1024)))
DIALOGUES_MAX_PHOTO_SIZE = int(os.environ.get("DIALOGUES_MAX_PHOTO_SIZE", str(8 * 1024 * 1024)))
DIALOGUES_MAX_PHOTO_PIXELS = 40_000_000
# With the immediate backend every task runs inside the request that queues
# it (one per new comment): its start and end lines are noise there.
if TASK_BACKEND == "immediate":
    LOGGING["loggers"]["django_tasks"] = {"level": "WARNING"}
# Retrain the theme suggestions after this many newly confirmed comments.
DIALOGUES_RETRAIN_EVERY = int(os.environ.get("DIALOGUES_RETRAIN_EVERY", "25"))
# Residents' comments accepted per address (the form keeps the text when the limit is reached).
COMMENT_RATE = os.environ.get("COMMENT_RATE", "10/h")
# Map tiles, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; empty: no map, the list by place only.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "").strip()
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors" if MAP_TILE_URL else "")
if MAP_TILE_URL:
    from urllib.parse import urlsplit as _urlsplit

    # The browser fetches tiles from the tile server: allow its origin (and only
    # then) for images; "{s}." subdomains become a wildcard.
    _tiles = _urlsplit(MAP_TILE_URL.replace("{s}.", "tiles-subdomain."))
    _tile_origin = f"{_tiles.scheme}://{_tiles.netloc}".replace("tiles-subdomain.", "*.")
    CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("img-src 'self' data:", f"img-src 'self' data: {_tile_origin}")
