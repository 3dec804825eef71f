"""Probes for load balancers, the Prometheus endpoint kept from the public, request ids, and
tasks sent to the queue of their kind with the request's id."""

from __future__ import annotations

import socket
import uuid
from typing import Any

import pytest
from django.test import Client
from kombu import Connection

from config.observability import request_id_var
from ostal.notifications.nudge import send_task

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again when this returns


def test_liveness_answers_whatever_the_host_and_without_redirect(settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["ostal.example.org"]
    response = Client().get("/healthz", HTTP_HOST="10.1.2.3:8000")  # a probe uses the pod's IP
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_reports_each_part(settings: Any) -> None:
    ready = Client().get("/readyz", HTTP_HOST="10.1.2.3:8000")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"}

    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    down = Client().get("/readyz")
    assert down.status_code == 503
    assert down.json() == {"status": "unavailable", "database": "ok", "cache": "ok",
                           "broker": "down"}


def test_metrics_are_only_for_a_scraper_reaching_the_process(settings: Any) -> None:
    client = Client()
    assert client.get("/metrics").status_code == 404  # off unless METRICS_ENABLED

    settings.METRICS_ENABLED = True
    scraped = client.get("/metrics")
    assert scraped.status_code == 200
    body = scraped.content.decode()
    assert "ostal_outbox_due 0.0" in body
    assert "ostal_reconciliation_open 0.0" in body
    # Through a proxy (nginx adds X-Forwarded-For): not found, as for the public.
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 404

    settings.METRICS_TOKEN = "scrape-secret"
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-secret").status_code == 200


def test_every_response_carries_a_request_id() -> None:
    client = Client()
    given = client.get("/api/v1/directory/spaces/", HTTP_X_REQUEST_ID="0123456789abcdef0123")
    assert given["X-Request-ID"] == "0123456789abcdef0123"
    invented = client.get("/api/v1/directory/spaces/", HTTP_X_REQUEST_ID="<script>")
    assert invented["X-Request-ID"] != "<script>"
    assert len(invented["X-Request-ID"]) == 32


@pytest.mark.parametrize(("task", "kind"), [
    ("notifications.dispatch_due", ".mail"),
    ("billing.process_stripe_event", ".payments"),
    ("employers.invoice_overage", ".payments"),
    ("analytics.rebuild_rollups", ".analytics"),
    ("calendars.sync_external", ".calendars"),
    ("bookings.release_expired_holds", ""),
])
def test_tasks_go_to_the_queue_of_their_kind_with_the_request_id(settings: Any, task: str,
                                                                 kind: str) -> None:
    """So an import storm (calendars) never sits in front of a payment or a mail."""
    queue = f"routing-{uuid.uuid4().hex[:8]}"
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    request_id_var.set("request-id-of-the-booking")

    send_task(task)

    with Connection(settings.CELERY_BROKER_URL) as connection:
        inbox = connection.SimpleQueue(f"{queue}{kind}")
        try:
            message = inbox.get(timeout=10)
            message.ack()
        finally:
            inbox.close()
    assert message.headers["task"] == task
    assert message.headers["request_id"] == "request-id-of-the-booking"
