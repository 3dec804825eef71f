"""Publish the network's figures of every closed month not yet published (the demo's seeding
runs it after building its past year, so the observatory shows them at once)."""

from typing import Any

from django.core.management.base import BaseCommand

from ostal.analytics.api.publishing import publish_closed_months


class Command(BaseCommand):
    help = "Publish the network observatory of every closed month not yet published."

    def handle(self, *args: Any, **options: Any) -> None:
        months = publish_closed_months()
        self.stdout.write(f"{len(months)} month(s) published: "
                          + ", ".join(f"{month:%Y-%m}" for month in months))
