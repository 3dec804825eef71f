from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

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
        demo_employer_create()
        self.stdout.write(self.style.SUCCESS(
            f"{summary.spaces} places, {summary.operators} operators, "
            f"{summary.resources} resources; {offers['place_carnets']} place carnets, "
            f"{offers['paid_places']} places asking for payment, the network pass, "
            "an employer with its bundle."))
        self._print_accounts()

    def _print_accounts(self) -> None:
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for role, email in {**DEMO_ACCOUNTS, **DEMO_EMPLOYER_ACCOUNTS}.items():
            self.stdout.write(f"  {role:<8} {email}")
