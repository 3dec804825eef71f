"""Request ids, structured logs, Prometheus metrics and optional error reporting.

- Every request gets an id (the `X-Request-ID` nginx sets, when it looks like one, else a new
  one), returned in the response header, put on every log record of the request, and carried
  in the headers of every Celery task the request sends, where the worker puts it on the
  task's log records: one id follows a booking from the HTTP call to its confirmation mail.
- LOG_FORMAT=json writes one JSON object per log line (python-json-logger), with
  `request_id` (and `task_id`/`task_name` in the worker).
- METRICS_ENABLED=true turns on django-prometheus (latency and status per view, database
  queries per alias) plus Ostal's own figures read at scrape time (queue depth, outbox
  backlog, open reconciliation differences, bookings and payments by status) and, in the
  worker, task run time and queue wait. `/metrics` is never for the public: nginx does not
  proxy it, this view refuses any request that came through a proxy (an X-Forwarded-For
  header) and, with METRICS_TOKEN set, any request without `Authorization: Bearer <token>`.
  Prometheus scrapes each web and worker process directly (deploy/README.md).
- SENTRY_DSN set: errors go to Sentry (no personal data sent); unset: nothing is loaded.
"""

from __future__ import annotations

import contextvars
import hmac
import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

logger = logging.getLogger(__name__)

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
task_var: contextvars.ContextVar[tuple[str, str]] = contextvars.ContextVar("task",
                                                                           default=("", ""))

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
REQUEST_ID_HEADER = "request_id"  # Celery message header
PUBLISHED_AT_HEADER = "ostal_published_at"


# --- Request ids ---------------------------------------------------------------------------

class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        # Not reset on the way out: Django logs 4xx/5xx responses after the middleware chain
        # has returned, and those lines need the id too. The next request sets its own.
        request_id_var.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class ContextFilter(logging.Filter):
    """Adds request_id, task_id and task_name to every record (empty outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.task_id, record.task_name = task_var.get()
        return True


# --- Celery: carry the id into tasks; task timings ------------------------------------------

def _before_publish(headers: dict[str, Any] | None = None, **kwargs: Any) -> None:
    if headers is None:
        return
    request_id = request_id_var.get() or task_request_id()
    if request_id:
        headers.setdefault(REQUEST_ID_HEADER, request_id)
    headers.setdefault(PUBLISHED_AT_HEADER, time.time())


def task_request_id() -> str:
    return _task_request_id.get()


def current_request_id() -> str | None:
    """The request (or task) id, the correlation id of the audit trail (AUDITLOG_CID_GETTER):
    an entry leads to the log lines of the request that made it."""
    return request_id_var.get() or task_request_id() or None


_task_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("task_request_id",
                                                                       default="")
_task_tokens: dict[str, tuple[Any, Any, float]] = {}


def _header(task: Any, name: str) -> Any:
    request = task.request
    value = getattr(request, name, None)
    if value is None:
        value = (getattr(request, "headers", None) or {}).get(name)
    return value


def _task_prerun(task_id: str = "", task: Any = None, **kwargs: Any) -> None:
    request_id = str(_header(task, REQUEST_ID_HEADER) or "")
    token_request = request_id_var.set(request_id)
    token_task = task_var.set((task_id, getattr(task, "name", "")))
    _task_request_id.set(request_id)
    _task_tokens[task_id] = (token_request, token_task, time.monotonic())
    published = _header(task, PUBLISHED_AT_HEADER)
    if METRICS is not None and published is not None:
        METRICS.task_wait.labels(task.name).observe(max(0.0, time.time() - float(published)))


def _task_postrun(task_id: str = "", task: Any = None, state: str = "", **kwargs: Any) -> None:
    tokens = _task_tokens.pop(task_id, None)
    if tokens is None:
        return
    token_request, token_task, started = tokens
    elapsed = time.monotonic() - started
    if METRICS is not None:
        METRICS.task_runtime.labels(getattr(task, "name", ""), state or "").observe(elapsed)
    # One line per task with the request id of the request that sent it (empty for beat's).
    logger.info("task %s %s in %.3f s", getattr(task, "name", ""), state, elapsed)
    request_id_var.reset(token_request)
    task_var.reset(token_task)
    _task_request_id.set("")


def _connect_celery_signals() -> None:
    from celery import signals

    signals.before_task_publish.connect(_before_publish, weak=False)
    signals.task_prerun.connect(_task_prerun, weak=False)
    signals.task_postrun.connect(_task_postrun, weak=False)
    signals.worker_init.connect(_start_worker_metrics_server, weak=False)


# --- Metrics ---------------------------------------------------------------------------------

class _Metrics:
    def __init__(self) -> None:
        from prometheus_client import Histogram

        self.task_runtime = Histogram("ostal_task_runtime_seconds", "Celery task run time",
                                      ["task", "state"])
        self.task_wait = Histogram("ostal_task_queue_wait_seconds",
                                   "Time from publish to the start of a Celery task", ["task"])


METRICS: _Metrics | None = None


class OstalCollector:
    """Figures read from the database and the broker at scrape time (one process answers the
    scrape: no per-process counters to add up, and the same answer from any web process)."""

    def collect(self) -> Iterator[Any]:
        from prometheus_client.core import GaugeMetricFamily

        from config.queues import all_queues

        depth = GaugeMetricFamily("ostal_queue_depth", "Messages waiting in a Celery queue",
                                  labels=["queue"])
        for queue, count in _queue_depths([q.name for q in all_queues(
                settings.CELERY_TASK_DEFAULT_QUEUE)]):
            depth.add_metric([queue], count)
        yield depth

        notification = apps.get_model("notifications", "Notification")
        outbox = GaugeMetricFamily("ostal_outbox_due", "Notifications due and not yet sent")
        outbox.add_metric([], notification.objects.filter(
            status="pending", send_after__lte=timezone.now()).count())
        yield outbox

        issue = apps.get_model("billing", "ReconciliationIssue")
        open_issues = GaugeMetricFamily("ostal_reconciliation_open",
                                        "Reconciliation differences awaiting review")
        open_issues.add_metric([], issue.objects.filter(status="open").count())
        yield open_issues

        for name, model_label, help_text in (
                ("ostal_bookings", ("bookings", "Booking"), "Bookings by status"),
                ("ostal_payments", ("billing", "Payment"), "Payments by status")):
            family = GaugeMetricFamily(name, help_text, labels=["status"])
            model = apps.get_model(*model_label)
            for row in model.objects.values("status").annotate(n=Count("pk")).order_by():
                family.add_metric([row["status"]], row["n"])
            yield family


def _queue_depths(names: list[str]) -> list[tuple[str, int]]:
    if not settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        return []
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=2)
    try:
        with client.pipeline(transaction=False) as pipe:
            for name in names:
                pipe.llen(name)
            return list(zip(names, (int(n) for n in pipe.execute()), strict=True))
    finally:
        client.close()


def _registry() -> Any:
    import prometheus_client
    from prometheus_client import multiprocess

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = prometheus_client.CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = prometheus_client.CollectorRegistry()
        registry.register(prometheus_client.REGISTRY)
    return registry


def metrics_view(request: HttpRequest) -> HttpResponse:
    """The Prometheus scrape endpoint: only for a scraper that reaches the process directly."""
    import prometheus_client

    if not settings.METRICS_ENABLED or "X-Forwarded-For" in request.headers:
        raise Http404
    if settings.METRICS_TOKEN:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if not hmac.compare_digest(given.encode(), settings.METRICS_TOKEN.encode()):
            raise Http404
    registry = _registry()
    registry.register(OstalCollector())
    return HttpResponse(prometheus_client.generate_latest(registry),
                        content_type=prometheus_client.CONTENT_TYPE_LATEST)


def _start_worker_metrics_server(**kwargs: Any) -> None:
    port = settings.WORKER_METRICS_PORT
    if not (settings.METRICS_ENABLED and port):
        return
    import prometheus_client

    prometheus_client.start_http_server(port, addr=settings.WORKER_METRICS_ADDR,
                                        registry=_registry())
    logger.info("worker metrics on %s:%s", settings.WORKER_METRICS_ADDR, port)


# --- Sentry ----------------------------------------------------------------------------------

def init_sentry(dsn: str, *, environment: str, traces_sample_rate: float) -> None:
    """Errors (and a sample of traces) to Sentry; the Django and Celery integrations are
    enabled automatically. No personal data: no cookies, user ids, bodies or IP addresses."""
    import sentry_sdk

    sentry_sdk.init(dsn=dsn, environment=environment, send_default_pii=False,
                    traces_sample_rate=traces_sample_rate, max_request_body_size="never")


class ObservabilityConfig(AppConfig):
    """Connects the Celery signals and creates the worker's metrics (web and worker)."""

    name = "config"
    label = "ostal_observability"
    verbose_name = "Observability"

    def ready(self) -> None:
        global METRICS
        _connect_celery_signals()
        if settings.METRICS_ENABLED and METRICS is None:
            METRICS = _Metrics()
