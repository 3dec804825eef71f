import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ostal.analytics.demo import demo_history_create, history_start
from ostal.employers.demo import DEMO_EMPLOYER_ACCOUNTS, demo_employer_create
from ostal.memberships.demo import demo_offers_create
from ostal.spaces.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_network_create
from ostal.spaces.models import Space


class Command(BaseCommand):
    help = "Create the deterministic demo network (about 120 places) and one account per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing when the database already holds places.")
        parser.add_argument("--no-photos", action="store_true", help="Skip generated photos.")
        parser.add_argument("--months", type=int, default=0,
                            help="Give the network a past: this many closed months of members, "
                                 "bookings, payments, invoices and settlements before the "
                                 "current month, and today's bookings (`make demo`: 12).")
        parser.add_argument("--scale", type=float, default=1.0,
                            help="Demand of that past (1: the demo's; less is faster).")

    def handle(self, *args: Any, **options: Any) -> None:
        if Space.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Demo network already present.")
                self._print_accounts()
                return
            raise CommandError("The database already holds places. To start over with the "
                               "embedded database: `make clean && make demo`.")
        self.stdout.write("Creating the demo network…")
        summary = demo_network_create(seed=options["seed"], photos=not options["no_photos"])
        offers = demo_offers_create()
        months = options["months"]
        if months < 0 or not 0 < options["scale"] <= 2:
            raise CommandError("--months must be 0 or more and --scale within (0, 2].")
        demo_employer_create(now=history_start(months) if months else None)
        self.stdout.write(self.style.SUCCESS(
            f"{summary.spaces} places, {summary.operators} operators, "
            f"{summary.resources} resources; {offers['place_carnets']} place carnets, "
            f"{offers['paid_places']} places asking for payment, the network pass, "
            "an employer with its bundle."))
        if months:
            self.stdout.write(f"Writing the network's past: {months} closed "
                              f"month{'s' if months > 1 else ''} and this one so far…")
            started = time.perf_counter()
            past = demo_history_create(seed=options["seed"], months=months,
                                       scale=options["scale"])
            self.stdout.write(self.style.SUCCESS(
                f"{past.members} members, {past.bookings} bookings ({past.bookings_today} "
                f"today), {past.card_payments} card payments, {past.credit_payments} paid "
                f"with credits, {past.carnets} carnets, {past.employer_bookings} paid by the "
                f"employer ({past.bundle_orders} bundle orders), {past.settlements} "
                f"settlements, {past.months_published} months published; "
                f"{time.perf_counter() - started:.0f} s "
                f"({', '.join(f'{k} {v} s' for k, v in past.seconds.items())})."))
        self._print_accounts()

    def _print_accounts(self) -> None:
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for role, email in {**DEMO_ACCOUNTS, **DEMO_EMPLOYER_ACCOUNTS}.items():
            self.stdout.write(f"  {role:<8} {email}")
