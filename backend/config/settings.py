"""Ostal settings: one module, read from the environment.

With nothing set, everything runs on one machine with no server to install (SQLite, Celery on an
embedded SQLite broker, e-mails to the console, Stripe pointed at a local fake). With
DATABASE_URL, REDIS_URL, EMAIL_URL and STRIPE_* set, the same code runs on PostgreSQL, Redis,
SMTP and Stripe. Every variable is documented in .env.example at the repository root.
"""

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_decimal, env_float, env_int, env_list, env_secret, env_str
from config.queues import all_queues

BACKEND_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BACKEND_DIR.parent
VAR_DIR = Path(env_str("OSTAL_VAR_DIR", str(REPO_DIR / "var")))

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off")
    SECRET_KEY = "insecure-dev-only-key-set-SECRET_KEY-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Where users reach the site (links in e-mails, Stripe's webhooks). `make demo PORT=8080` sets
# it to http://127.0.0.1:8080 unless given.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# How long a link inviting someone to an operator's team works (ostal.teams).
TEAM_INVITATION_VALID_DAYS = env_int("TEAM_INVITATION_VALID_DAYS", 7)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "allauth",
    "allauth.account",
    "allauth.headless",
    "auditlog",  # the audit trail's library; its rows go to ostal.audit's model
    # Ostal's apps in their layer order, bottom to top (docs/adr/0011-checkout-and-layers.md):
    # hook receivers connect in this order in AppConfig.ready().
    "ostal.core",
    "ostal.accounts",
    "ostal.spaces",
    "ostal.teams",
    "ostal.memberships",
    "ostal.bookings",
    "ostal.billing",
    "ostal.employers",
    "ostal.checkout",
    "ostal.calendars",
    "ostal.notifications",
    "ostal.analytics",
    "ostal.joining",
    "ostal.audit",
    "ostal.privacy",
    "config.observability.ObservabilityConfig",
]

MIDDLEWARE = [
    "config.csp.OstalCSPMiddleware",  # Content-Security-Policy on every response (config/csp.py)
    "config.health.HealthCheckMiddleware",  # /healthz, /readyz: before host checks and redirects
    "config.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "ostal.audit.middleware.AuditMiddleware",  # who and from where, for the audit trail
    "ostal.core.api.inputs.AuthJsonLimitsMiddleware",  # allauth's JSON: depth and NUL limits
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BACKEND_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(VAR_DIR / "ostal.sqlite3")),
            # Write transactions take the lock up front: two writers never deadlock on upgrade.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
    # Tests with a real worker process on SQLite (tests/worker): pytest's test database must be
    # a file the worker can open (SQLITE_PATH points the worker at it), not in-memory.
    if env_str("SQLITE_TEST_DB"):
        DATABASES["default"]["TEST"] = {"NAME": env_str("SQLITE_TEST_DB")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

# PgBouncer in transaction mode between the app and PostgreSQL (deploy/README.md, "PgBouncer"):
# a server connection changes hands after every transaction, so no server-side cursor may
# outlive one (QuerySet.iterator() outside a transaction) and no statement is prepared.
# Session state the code sets is transaction-scoped (SET LOCAL, pg_advisory_xact_lock).
DATABASE_TRANSACTION_POOLING = env_bool("DATABASE_TRANSACTION_POOLING", default=False)
if DATABASE_TRANSACTION_POOLING:
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None

# A streaming replica for heavy read-only work (ostal.core.db_routing): dashboards, the
# observatory, open data exports, usage reports. Reads fall back to the primary while it is
# unreachable, not streaming, or more than DATABASE_REPLICA_MAX_LAG_SECONDS behind.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
DATABASE_REPLICA_MAX_LAG_SECONDS = env_float("DATABASE_REPLICA_MAX_LAG_SECONDS", 30.0)
DATABASE_REPLICA_CHECK_SECONDS = env_float("DATABASE_REPLICA_CHECK_SECONDS", 5.0)
if DATABASE_REPLICA_URL and IS_POSTGRES:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60)
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["ostal.core.db_routing.ReplicaRouter"]

# --- Cache, broker --------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", f"sqla+sqlite:///{VAR_DIR / 'broker.sqlite3'}")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
# One queue per kind of work (config/queues.py); a worker without -Q consumes them all.
CELERY_TASK_QUEUES = all_queues(CELERY_TASK_DEFAULT_QUEUE)
CELERY_TASK_ROUTES = ("config.queues.route_task",)
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the worker logs through LOGGING below

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Ostal] "
ACCOUNT_ADAPTER = "ostal.accounts.adapter.AccountAdapter"
HEADLESS_ONLY = True
HEADLESS_CLIENTS = ("browser",)
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": f"{SITE_URL}/account/verify-email/{{key}}",
    "account_reset_password": f"{SITE_URL}/mot-de-passe-oublie",
    "account_reset_password_from_key": f"{SITE_URL}/account/reset-password/{{key}}",
    "account_signup": f"{SITE_URL}/inscription",
}
LOGIN_URL = "/connexion"
SITE_ID = 1  # the Site row holds the name e-mails sign with ("Ostal"); see accounts migrations

# --- E-mail ---------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Ostal <no-reply@ostal.localhost>")
EMAIL_URL = env_str("EMAIL_URL", "console://")


def _email_settings(url: str) -> dict[str, object]:
    """console://, file:///path, locmem://, smtp://user:pass@host:port?tls=1 (or smtps://)."""
    parsed = urlparse(url)
    if parsed.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parsed.scheme == "file":
        return {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": parsed.path or str(VAR_DIR / "mail")}
    if parsed.scheme in {"smtp", "smtps"}:
        query = parse_qs(parsed.query)
        return {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": parsed.hostname or "localhost",
                "EMAIL_PORT": parsed.port or (465 if parsed.scheme == "smtps" else 25),
                "EMAIL_HOST_USER": unquote(parsed.username or ""),
                "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
                "EMAIL_USE_SSL": parsed.scheme == "smtps",
                "EMAIL_USE_TLS": query.get("tls", ["0"])[0] in {"1", "true"},
                "EMAIL_TIMEOUT": 10}
    raise ImproperlyConfigured(f"EMAIL_URL scheme not supported: {url!r}")


globals().update(_email_settings(EMAIL_URL))

# --- Internationalisation, time ---------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BACKEND_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"  # storage; each Space carries its own IANA time zone for business rules
DEFAULT_SPACE_TIMEZONE = "Europe/Paris"

# --- Static, media, SPA ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BACKEND_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
FRONTEND_DIST_DIR = Path(env_str("FRONTEND_DIST_DIR", str(REPO_DIR / "frontend" / "dist")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
                    if not DEBUG else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_ROOT = FRONTEND_DIST_DIR if FRONTEND_DIST_DIR.is_dir() else None
WHITENOISE_USE_FINDERS = DEBUG  # in development, serve app static files without collectstatic
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "ostal.core.api.pagination.StandardPagination",
    "EXCEPTION_HANDLER": "ostal.core.api.errors.exception_handler",
    # DRF's parsers, plus the limits every body shares (depth, NUL: ostal/core/api/inputs.py)
    "DEFAULT_PARSER_CLASSES": ["ostal.core.api.inputs.JSONParser",
                               "ostal.core.api.inputs.FormParser",
                               "ostal.core.api.inputs.MultiPartParser"],
    # Every API endpoint is throttled (issue 14, defect 7): per client address for anonymous
    # callers (behind TRUSTED_PROXY_COUNT proxies), per account once logged in. Sized for real
    # use: a page of the SPA makes a handful of calls, a coworking space's visitors share one
    # address; the limits stop scripts, not people (deploy/README.md, "Rate limits").
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle",
                                 "rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env_str("API_THROTTLE_ANON", "600/min"),
                               "user": env_str("API_THROTTLE_USER", "1200/min")},
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ostal.core.api.schema.drop_storage_integer_limits",
        "ostal.core.api.schema.local_times_as_patterns",
    ],
    "TITLE": "Ostal API",
    "DESCRIPTION": "Booking and membership platform of the Occitanie tiers-lieux network.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "AuditCategoryEnum": "ostal.audit.registry.CATEGORY_CHOICES",
        "CategoryEnum": "ostal.spaces.models.Service.Category",  # its name before the audit's
        "AuditActionEnum": "ostal.audit.selectors.ACTION_CHOICES",
        "SpaceKindEnum": "ostal.spaces.models.Space.Kind",
        "ResourceKindEnum": "ostal.spaces.models.Resource.Kind",
        "SpaceSettingEnum": "ostal.spaces.models.Space.Setting",
        "PaymentStatusEnum": "ostal.billing.models.Payment.Status",
        "SubscriptionStatusEnum": "ostal.memberships.models.Subscription.Status",
        "PlanKindEnum": "ostal.memberships.models.Plan.Kind",
        "CreditLotScopeEnum": "ostal.memberships.models.CreditLot.Scope",
        "InvoiceDocTypeEnum": "ostal.billing.models.Invoice.DocType",
        "EInvoiceStatusEnum": "ostal.billing.models.EInvoiceTransmission.Status",
        "EInvoiceLifecycleEnum": "ostal.billing.models.EInvoiceTransmission.Lifecycle",
        "UnitEnum": "ostal.spaces.models.Price.Unit",
        "TariffUnitEnum": "ostal.memberships.models.NetworkTariff.Unit",
        "BookingStatusEnum": "ostal.bookings.models.Booking.Status",
        "BookingSourceEnum": "ostal.bookings.models.Booking.Source",
        "BookingPartEnum": "ostal.bookings.models.Part",
        "DayPartEnum": "ostal.bookings.models.DayPart",
        "SaleUnitEnum": "ostal.bookings.models.BookingPolicy.SaleUnit",
        "WaitlistStatusEnum": "ostal.bookings.models.WaitlistEntry.Status",
        "ResourceBlockSourceEnum": "ostal.bookings.models.ResourceBlock.Source",
        "SeriesOccurrenceStatusEnum": "ostal.bookings.api.serializers.OCCURRENCE_STATUSES",
        "BookingErrorCodeEnum": "ostal.bookings.api.serializers.ERROR_CODES",
        "CalendarFeedKindEnum": "ostal.calendars.models.CalendarFeed.Kind",
        "ExternalCalendarSyncStatusEnum": "ostal.calendars.models.ExternalCalendar.SyncStatus",
        "BundleOrderMethodEnum": "ostal.employers.models.BundleOrder.Method",
        "CreditsOrCardEnum": [("credits", "credits"), ("card", "card")],
        "ApplicationStatusEnum": "ostal.joining.models.Application.Status",
        "ApplicationMessageStatusEnum": "ostal.joining.models.ApplicationMessage.Status",
        "ApplicationMessageKindEnum": "ostal.joining.models.ApplicationMessage.Kind",
        "CensusImportStatusEnum": "ostal.joining.models.CensusImport.Status",
    },
}

# --- Payments (Stripe) and invoices ----------------------------------------------------------
# The Stripe API version Ostal speaks, sent with every request and required of every webhook
# event (create the endpoint with it: docs/adr/0010-stripe-api-version-and-one-gateway-path.md).
# It is the version the pinned `stripe` library is generated for; changing it is a code change,
# checked by tests/contract/test_stripe_contract.py, never a setting of the environment.
STRIPE_API_VERSION = "2026-10-28.endive"
# With no STRIPE_SECRET_KEY, payments go to the local fake Stripe of the demo (localstripe
# behind a bridge speaking STRIPE_API_VERSION: `python -m tests.stripe_server`, a dev/test tool
# never shipped in the images) with dummy keys: the embedded default needs no Stripe account.
# LOCALSTRIPE_PORT moves it (`make demo LOCALSTRIPE_PORT=8421`, two demos side by side).
LOCALSTRIPE_PORT = env_int("LOCALSTRIPE_PORT", 8420)
LOCALSTRIPE_URL = f"http://127.0.0.1:{LOCALSTRIPE_PORT}"
STRIPE_SECRET_KEY = env_secret("STRIPE_SECRET_KEY")
STRIPE_USES_LOCALSTRIPE = not STRIPE_SECRET_KEY
if STRIPE_USES_LOCALSTRIPE:
    STRIPE_SECRET_KEY = "sk_test_local"
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY",
                                 "pk_test_local" if STRIPE_USES_LOCALSTRIPE else "")
STRIPE_WEBHOOK_SECRET = env_secret("STRIPE_WEBHOOK_SECRET",
                                   "whsec_local" if STRIPE_USES_LOCALSTRIPE else "")
STRIPE_API_BASE = env_str("STRIPE_API_BASE", LOCALSTRIPE_URL if STRIPE_USES_LOCALSTRIPE
                          else "https://api.stripe.com").rstrip("/")
STRIPE_TIMEOUT_SECONDS = env_int("STRIPE_TIMEOUT_SECONDS", 15)
STRIPE_MAX_NETWORK_RETRIES = env_int("STRIPE_MAX_NETWORK_RETRIES", 2)
# How long a worker may hold a webhook event it is processing; past that it is taken for dead
# and the event is processed again (longer than a slow run: Stripe calls time out at 15 s).
STRIPE_EVENT_LEASE_SECONDS = env_int("STRIPE_EVENT_LEASE_SECONDS", 300)

# The network as a seller (network pass, network carnets) and as the issuer of invoices made
# out in each operator's name.
NETWORK_LEGAL_NAME = env_str("NETWORK_LEGAL_NAME", "Réseau des tiers-lieux d'Occitanie")
NETWORK_LEGAL_FORM = env_str("NETWORK_LEGAL_FORM", "Association loi 1901")
# A SIRET is mandatory on every invoice (EN 16931 BR-CO-26 for the network's vouchers); the
# embedded demo uses a fictitious one, production must set it (billing's system check says so).
NETWORK_SIRET = env_str("NETWORK_SIRET", "13002592700018" if DEBUG else "")
NETWORK_VAT_NUMBER = env_str("NETWORK_VAT_NUMBER", "")
NETWORK_VAT_STATUS = env_str("NETWORK_VAT_STATUS", "registered")
NETWORK_ADDRESS = env_str("NETWORK_ADDRESS", "Hôtel de Région, 22 boulevard du Maréchal Juin, "
                                             "31406 Toulouse")
NETWORK_EMAIL = env_str("NETWORK_EMAIL", "facturation@ostal.localhost")
# E-invoicing: business invoices are transmitted to an accredited platform (PA) through its
# flow API (ostal.billing.einvoicing, ADR 0019). With no EINVOICING_PLATFORM_URL the embedded
# demo uses the local stand-in platform of the tests (`python -m tests.einvoice_platform`,
# 127.0.0.1:EINVOICING_LOCAL_PORT, 8430 unless set); elsewhere an empty URL keeps
# transmissions queued, nothing is sent.
EINVOICING_LOCAL_PORT = env_int("EINVOICING_LOCAL_PORT", 8430)
EINVOICING_PLATFORM_URL = env_str(
    "EINVOICING_PLATFORM_URL",
    f"http://127.0.0.1:{EINVOICING_LOCAL_PORT}" if DEBUG else "").rstrip("/")
EINVOICING_PLATFORM_TOKEN = env_secret("EINVOICING_PLATFORM_TOKEN",
                                       "local-platform-token" if DEBUG else "")
EINVOICING_PLATFORM_NAME = env_str("EINVOICING_PLATFORM_NAME",
                                   "local" if DEBUG else "platform")
EINVOICING_TIMEOUT_SECONDS = env_int("EINVOICING_TIMEOUT_SECONDS", 15)
# A submission that failed this many times (platform down) stops being retried and is shown
# as failed to the seller's managers.
EINVOICING_MAX_ATTEMPTS = env_int("EINVOICING_MAX_ATTEMPTS", 8)
# Renewal: a subscription whose renewal failed this many times is suspended.
BILLING_RENEWAL_MAX_ATTEMPTS = env_int("BILLING_RENEWAL_MAX_ATTEMPTS", 4)
# Share of a card payment refunded when a member cancels after the place's deadline (0-100).
BILLING_LATE_CANCELLATION_REFUND_PERCENT = env_int("BILLING_LATE_CANCELLATION_REFUND_PERCENT", 0)

# --- Calendars (feeds and imported calendars) -------------------------------------------------
# Imported calendar addresses may point at private, loopback or link-local networks only in
# development and tests (the demo and the tests serve .ics files from 127.0.0.1): in
# production that would let a manager make the server fetch internal services (SSRF).
CALENDAR_IMPORT_ALLOW_PRIVATE = env_bool("CALENDAR_IMPORT_ALLOW_PRIVATE", default=DEBUG)
# Feed requests per minute: per feed address, and per client address (higher: Google and
# Microsoft fetch every subscriber's feed from a few shared addresses).
CALENDAR_FEED_RATE_PER_TOKEN = env_int("CALENDAR_FEED_RATE_PER_TOKEN", 60)
CALENDAR_FEED_RATE_PER_IP = env_int("CALENDAR_FEED_RATE_PER_IP", 600)
# 304s answered from cached validators, without a query (ostal.calendars.feedcache). Needs a
# cache shared by every process that writes bookings (web and worker): on by default with
# Redis; with the per-process memory cache a worker's change would go unseen until the TTL.
CALENDAR_FEED_VALIDATORS = env_bool("CALENDAR_FEED_VALIDATORS", default=bool(REDIS_URL))
# Longest a validator vouches for an ETag (seconds): the bound on changes no signal reports.
CALENDAR_FEED_VALIDATOR_TTL = env_int("CALENDAR_FEED_VALIDATOR_TTL", 900)

# Public directory and place pages (ostal.core.api.http_cache): seconds a shared cache (nginx, a
# CDN) may serve them before revalidating with their ETag; browsers always revalidate. 0: off.
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 30)

# --- Joining the network (ostal.joining) --------------------------------------------------
# Applications stored per client address and hour on the public "Rejoindre le réseau" form.
JOINING_APPLICATIONS_PER_HOUR = env_int("JOINING_APPLICATIONS_PER_HOUR", 5)
# Census files of up to this many rows are checked and applied in the request; larger ones by
# the worker, with progress.
CENSUS_INLINE_ROWS = env_int("CENSUS_INLINE_ROWS", 200)

# --- Notifications (outbox + dispatcher; docs/adr/0007-due-work-and-notifications.md) ---------
# Enqueue the dispatcher after commit when mail is due now (the per-minute sweep is the net).
NOTIFICATIONS_NUDGE = env_bool("NOTIFICATIONS_NUDGE", default=True)
# One nudge message per dispatch run instead of one per transaction under bursts; needs a cache
# the web and the workers share (Redis): see ostal.notifications.nudge.
NOTIFICATIONS_NUDGE_COALESCE = env_bool("NOTIFICATIONS_NUDGE_COALESCE", default=bool(REDIS_URL))
# Rows claimed per dispatcher transaction, and how long one dispatcher run may go on.
NOTIFICATIONS_BATCH_SIZE = env_int("NOTIFICATIONS_BATCH_SIZE", 100)
NOTIFICATIONS_DISPATCH_BUDGET_SECONDS = env_int("NOTIFICATIONS_DISPATCH_BUDGET_SECONDS", 50)
# A row left `sending` this long belongs to a dead worker and is claimed again. Keep it far
# above a live attempt (EMAIL_TIMEOUT x batch size): below it, a slow worker could be overtaken
# and a message sent twice.
NOTIFICATIONS_SENDING_TIMEOUT_SECONDS = env_int("NOTIFICATIONS_SENDING_TIMEOUT_SECONDS", 1800)
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 6)
# PostgreSQL: "sent" marks are committed (durably) by a companion thread while the dispatcher
# renders the next message; at most NOTIFICATIONS_MARK_QUEUE marks wait for it. Off: inline.
NOTIFICATIONS_BACKGROUND_MARKS = env_bool("NOTIFICATIONS_BACKGROUND_MARKS", default=True)
NOTIFICATIONS_MARK_QUEUE = env_int("NOTIFICATIONS_MARK_QUEUE", 8)
# Non-transactional mail (reminders, expiring credits, renewals) later than this is dropped.
NOTIFICATIONS_LATE_CUTOFF_HOURS = env_int("NOTIFICATIONS_LATE_CUTOFF_HOURS", 36)
NOTIFICATIONS_CREDITS_EXPIRING_DAYS = env_int("NOTIFICATIONS_CREDITS_EXPIRING_DAYS", 7)
NOTIFICATIONS_RENEWAL_NOTICE_DAYS = env_int("NOTIFICATIONS_RENEWAL_NOTICE_DAYS", 3)
NOTIFICATIONS_MESSAGE_ID_DOMAIN = env_str(
    "NOTIFICATIONS_MESSAGE_ID_DOMAIN", urlparse(SITE_URL).hostname or "ostal.localhost")

# --- Reconciliation with Stripe and monthly settlements (docs/billing-model.md) --------------
# Each run lists Stripe objects created since the saved cursor minus this look-back, so
# objects that change state after creation (a payment confirmed hours later) are seen again.
RECONCILIATION_LOOKBACK_HOURS = env_int("RECONCILIATION_LOOKBACK_HOURS", 72)
# The network's commission on what it collected for an operator (percent, decimal string).
NETWORK_COMMISSION_PERCENT = env_decimal("NETWORK_COMMISSION_PERCENT", "10")
# The value of one network credit (one desk-day on the tariff grid) paid to the operator
# whose place was used, tax included, in SETTLEMENT_CURRENCY.
NETWORK_CREDIT_VALUE = env_decimal("NETWORK_CREDIT_VALUE", "15.00")
SETTLEMENT_CURRENCY = "EUR"
# A month's statements are drafts (recomputed daily) until this many days after the month
# ends; then they are closed, and anything later becomes an adjustment line on the next one.
SETTLEMENT_CLOSE_AFTER_DAYS = env_int("SETTLEMENT_CLOSE_AFTER_DAYS", 5)

# --- Employers (docs/adr/0008-employers.md) --------------------------------------------------
# Invoices of bundles ordered on invoice are payable by bank transfer within this many days,
# to the network's account.
EMPLOYERS_TRANSFER_DAYS = env_int("EMPLOYERS_TRANSFER_DAYS", 30)
# How long an invitation to administer an employer stays valid (then the retention sweep
# deletes it; docs/privacy.md).
EMPLOYERS_ADMIN_INVITATION_DAYS = env_int("EMPLOYERS_ADMIN_INVITATION_DAYS", 14)
NETWORK_IBAN = env_str("NETWORK_IBAN", "FR76 0000 0000 0000 0000 0000 000")
# A credit used beyond an exhausted bundle (when the policy says "invoice the overage") is
# invoiced to the employer at this price (tax included, multi-purpose voucher) at month end.
EMPLOYERS_OVERAGE_CREDIT_PRICE = env_decimal("EMPLOYERS_OVERAGE_CREDIT_PRICE", "20.00")

# --- Personal data (docs/privacy.md) ------------------------------------------------------------
# A person's data export stays downloadable this many days after it is ready (then deleted).
PRIVACY_EXPORT_DAYS = env_int("PRIVACY_EXPORT_DAYS", 7)
# Retention periods applied nightly by the worker (privacy.apply_retention; docs/privacy.md):
# accounts whose address was never verified and that never logged in,
RETENTION_UNVERIFIED_DAYS = env_int("RETENTION_UNVERIFIED_DAYS", 30)
# employee invitations never accepted (admin invitations expire after
# EMPLOYERS_ADMIN_INVITATION_DAYS and are deleted then),
RETENTION_EMPLOYEE_INVITATION_DAYS = env_int("RETENTION_EMPLOYEE_INVITATION_DAYS", 90)
# sent or failed notifications (the outbox is a log of mail sent),
RETENTION_NOTIFICATION_DAYS = env_int("RETENTION_NOTIFICATION_DAYS", 395)
# searches that found nothing (anonymous, kept for the unmet-demand figures),
RETENTION_SEARCH_LOG_DAYS = env_int("RETENTION_SEARCH_LOG_DAYS", 760)
# and commute declarations of people who have not booked since (they left the network).
RETENTION_COMMUTE_DAYS = env_int("RETENTION_COMMUTE_DAYS", 395)
# The audit trail (ostal.audit) is kept ten years (AUDIT_RETENTION_DAYS, fixed: the database
# enforces it); the address an entry was made from is cleared after this many days.
RETENTION_AUDIT_ADDRESS_DAYS = env_int("RETENTION_AUDIT_ADDRESS_DAYS", 365)
AUDITLOG_LOGENTRY_MODEL = "audit.AuditEntry"
AUDITLOG_CID_GETTER = "config.observability.current_request_id"
AUDITLOG_DISABLE_ON_RAW_SAVE = True  # fixtures loaded raw are not someone's change
# The library's own table is replaced by ostal.audit's: its migrations would create an unused
# table (referencing content types, which breaks the tests' flush), so they are not run.
MIGRATION_MODULES = {"auditlog": None}

# --- Security (production = DEBUG off) ---------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp; config/csp.py adds Stripe's origin): everything from our
# own origin, no inline script and no eval, nothing may frame us; the map's tiles come from
# OpenStreetMap; the SPA and the admin set styles through the DOM (allowed) and ship no inline
# <script>. tests/security/test_csp_browser.py loads the SPA, the payment form and the admin in
# Chromium and fails on any CSP violation.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", "https://tile.openstreetmap.org"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SESSION_COOKIE_HTTPONLY = True

# --- Proxies in front of Django (deploy/README.md, "Client addresses") --------------------------
# How many proxies of ours stand between the client and Django and append to X-Forwarded-For:
# 0 = Django is reached directly (the embedded default), 1 = behind the shipped nginx
# (compose), 2 = a load balancer in front of that nginx. The client's address is the entry
# this many places from the right; what a client writes further left is ignored. Login and
# sign-up limits (allauth) and the API throttles (DRF) count per client address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT

# --- Logs, metrics, errors (config/observability.py) -----------------------------------------
# text (default with DEBUG on) or json (one object per line, default with DEBUG off).
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
_LOG_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(task_id)s"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "config.observability.ContextFilter"}},
    "formatters": {
        "text": {"format": "%(message)s"},  # as before: the console of `make demo`
        "json": {"()": "pythonjsonlogger.json.JsonFormatter", "fmt": _LOG_FIELDS,
                 "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"}},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT,
                             "filters": ["context"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "WARNING"},
                "stripe": {"level": "WARNING"}},
}

# Prometheus metrics on /metrics, never through the proxy (config/observability.py). With
# several processes per host (gunicorn, Celery prefork) set PROMETHEUS_MULTIPROC_DIR to an
# empty directory. The worker serves its own on WORKER_METRICS_PORT (0: none).
METRICS_ENABLED = env_bool("METRICS_ENABLED", default=False)
METRICS_TOKEN = env_secret("METRICS_TOKEN")
WORKER_METRICS_PORT = env_int("WORKER_METRICS_PORT", 0)
WORKER_METRICS_ADDR = env_str("WORKER_METRICS_ADDR", "0.0.0.0")  # noqa: S104 (the pod's own)
if METRICS_ENABLED:
    INSTALLED_APPS.append("django_prometheus")
    MIDDLEWARE.insert(2, "django_prometheus.middleware.PrometheusBeforeMiddleware")
    MIDDLEWARE.append("django_prometheus.middleware.PrometheusAfterMiddleware")
    for _alias in DATABASES.values():
        _engine = _alias["ENGINE"].rsplit(".", 1)[-1]  # query counts per alias
        _alias["ENGINE"] = f"django_prometheus.db.backends.{_engine}"

# Errors to Sentry when a DSN is given (no personal data sent); nothing loaded otherwise.
SENTRY_DSN = env_secret("SENTRY_DSN")
if SENTRY_DSN:
    from config.observability import init_sentry

    init_sentry(SENTRY_DSN, environment=env_str("SENTRY_ENVIRONMENT", "production"),
                traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0))
