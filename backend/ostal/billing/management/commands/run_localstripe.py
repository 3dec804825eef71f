"""`manage.py run_localstripe`: the local fake Stripe server of the embedded default (dev only).

Binds 127.0.0.1 (never all interfaces), keeps its data in memory only, and delivers signed
webhooks to this site's endpoint with STRIPE_WEBHOOK_SECRET, so `make demo` runs the whole
payment flow on one machine without a Stripe account.
"""

from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Run localstripe (fake Stripe, dev/test only) on 127.0.0.1."

    def add_arguments(self, parser: CommandParser) -> None:
        default_port = urlparse(settings.LOCALSTRIPE_URL).port or 8420
        parser.add_argument("--port", type=int, default=default_port)
        parser.add_argument("--webhook-url", default=(
            f"{settings.SITE_URL}/api/v1/billing/stripe/webhook/"))

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.STRIPE_USES_LOCALSTRIPE:
            raise CommandError("STRIPE_SECRET_KEY is set: this site talks to Stripe itself.")
        try:
            from ostal.billing.stripe.local_server import serve_forever
        except ImportError as exc:  # pragma: no cover - localstripe is a dev dependency
            raise CommandError("localstripe is not installed (pip install -e '.[dev]')") from exc
        self.stdout.write(f"localstripe on http://127.0.0.1:{options['port']} → webhooks to "
                          f"{options['webhook_url']}")
        serve_forever(port=options["port"],
                      webhook=(options["webhook_url"], settings.STRIPE_WEBHOOK_SECRET))
