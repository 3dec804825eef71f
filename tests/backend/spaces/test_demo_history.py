"""`make demo` gives the network a past (issue 16): after `seed_demo --months N` the manager's
and the network admin's first look is not empty, the observatory and open data have published
months, invoices are numbered without gaps in date order, and the credit ledger balances.

One seeding (one closed month at 0.3 of the demo's demand: the full year is measured by
hand, docs/benchmarks/demo-seed.md) is shared by the checks of this module."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from ostal.accounts.models import CommuteDeclaration, User
from ostal.analytics.models import Publication
from ostal.billing.models import Invoice, Payment, Settlement
from ostal.billing.pricing import spend_key
from ostal.bookings.models import Booking, BookingPolicy
from ostal.employers.models import Employer, EmployerBooking
from ostal.memberships.models import CreditAccount, CreditLedgerEntry, CreditLot
from ostal.notifications.models import Notification
from ostal.spaces.models import Space

MONTHS = 1


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: Any,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo with its past, seeded once for the module (settlement files in a temporary
    folder) and removed afterwards."""
    out = io.StringIO()
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        call_command("seed_demo", "--no-photos", "--months", str(MONTHS), "--scale", "0.3",
                     stdout=out)
    yield out.getvalue()
    with django_db_blocker.unblock():
        call_command("flush", "--noinput", verbosity=0)
        from tests.reference_data import ensure_reference_data

        ensure_reference_data()


pytestmark = pytest.mark.django_db


def client_for(email: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(User.objects.get(email=email))
    return client


def last_closed_month() -> dt.date:
    return (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def test_the_command_says_what_it_wrote(seeded: str) -> None:
    assert "Writing the network's past: 1 closed month and this one so far" in seeded
    said = re.search(r"(\d+) bookings \((\d+) today\)", seeded)
    assert said is not None, seeded
    assert int(said[1]) == Booking.objects.count()
    assert int(said[2]) == Booking.objects.filter(local_date=timezone.localdate()).count()
    assert re.search(r"\d+ s \(members .* s\)", seeded)  # how long it took, by step


def test_the_demo_manager_has_people_today_and_some_to_check_in(seeded: str) -> None:
    body = client_for("manager@ostal.demo").get("/api/v1/analytics/manager/today/").json()

    truck = next(place for place in body if place["space_name"] == "Le Camion des Causses")
    assert truck["is_open"]
    assert len(truck["people"]) >= 2
    assert any(person["status"] == "confirmed" for person in truck["people"])


def test_the_manager_dashboard_shows_last_month(seeded: str) -> None:
    month = last_closed_month()
    end = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)

    response = client_for("manager@ostal.demo").get(
        "/api/v1/analytics/manager/dashboard/", {"from": month.isoformat(),
                                                 "to": end.isoformat()})

    assert response.status_code == 200, response.content
    kpis = response.json()["kpis"]
    assert kpis["bookings"] > 20
    assert 0 < kpis["occupancy_rate"] <= 1
    assert all(point["occupancy_rate"] is None or 0 <= point["occupancy_rate"] <= 1
               for point in response.json()["series"])


def test_the_observatory_and_open_data_have_published_months(seeded: str) -> None:
    month = last_closed_month()
    assert Publication.objects.filter(audience=Publication.Audience.NETWORK,
                                      month=month).exists()

    response = client_for("admin@ostal.demo").get("/api/v1/analytics/network/dashboard/",
                                                  {"month": f"{month:%Y-%m}"})

    assert response.status_code == 200, response.content
    totals = response.json()["totals"]
    assert totals["bookings"] > 100
    assert 0 < totals["occupancy_rate"] < 1
    response = APIClient().get("/api/v1/open-data/occupancy-by-department.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    rows = list(csv.DictReader(io.StringIO(text)))
    published = [row for row in rows if row["month"] == f"{month:%Y-%m}"]
    assert published
    assert any(row["occupancy_rate"] not in ("", "0", "0.0") for row in published)


def test_commute_declarations_and_employer_usage(seeded: str) -> None:
    assert CommuteDeclaration.objects.count() > 100
    employer = Employer.objects.get(name="Garrigue Logiciels")
    assert EmployerBooking.objects.filter(employer=employer).count() > 20
    response = client_for("employeur@ostal.demo").get(
        f"/api/v1/employers/{employer.pk}/usage/")
    assert response.status_code == 200, response.content


def test_invoices_are_numbered_without_gaps_in_date_order(seeded: str) -> None:
    by_sequence: dict[tuple[str, str, int], list[Invoice]] = defaultdict(list)
    for invoice in Invoice.objects.order_by("sequence"):
        by_sequence[(invoice.seller_key, invoice.doc_type, invoice.year)].append(invoice)

    assert sum(len(items) for items in by_sequence.values()) > 50
    assert len(by_sequence) > 10  # the network and many operators
    for items in by_sequence.values():
        assert [i.sequence for i in items] == list(range(1, len(items) + 1))
        dates = [i.issued_at for i in items]
        assert dates == sorted(dates)
        assert all(i.issued_at < timezone.now() for i in items)
    assert Invoice.objects.filter(issued_at__lt=timezone.now() - dt.timedelta(days=28)).exists()


def test_the_ledger_balances_and_every_paid_booking_is_paid_once(seeded: str) -> None:
    for account in CreditAccount.objects.all():
        for lot in CreditLot.objects.filter(account=account):
            left = CreditLedgerEntry.objects.filter(lot=lot).aggregate(s=Sum("delta"))["s"]
            assert 0 <= left <= lot.credit_units_granted
    spends = CreditLedgerEntry.objects.filter(kind=CreditLedgerEntry.Kind.SPEND)
    assert spends.count() > 100
    assert not spends.filter(created_at__gt=timezone.now()).exists()

    paid_places = set(BookingPolicy.objects.filter(requires_payment=True, resource_kind="desk")
                      .values_list("space_id", flat=True))
    spent = set(spends.values_list("operation_key", flat=True))
    card = set(Payment.objects.filter(status=Payment.Status.SUCCEEDED, booking__isnull=False)
               .values_list("booking_id", flat=True))
    employer = set(EmployerBooking.objects.values_list("booking_id", flat=True))
    kept = Booking.objects.filter(space_id__in=paid_places, resource_kind="desk",
                                  status__in=("confirmed", "checked_in", "no_show"))
    assert kept.count() > 50
    for booking in kept:
        ways = (spend_key(booking) in spent) + (booking.pk in card) + (booking.pk in employer)
        assert ways == 1, booking


def test_settlements_for_the_closed_months(seeded: str) -> None:
    month = last_closed_month()
    statements = Settlement.objects.filter(year=month.year, month=month.month)
    assert statements.count() > 5
    assert statements.filter(total_collected__gt=0).exists()
    response = client_for("admin@ostal.demo").get("/api/v1/manage/settlements/")
    assert response.status_code == 200
    assert response.json()["count"] >= statements.count()


def test_no_mail_about_the_past_waits_to_be_sent(seeded: str) -> None:
    assert not Notification.objects.filter(status=Notification.Status.PENDING,
                                           send_after__lt=timezone.now()).exists()


def test_bookings_follow_the_places_hours(seeded: str) -> None:
    """Every booking lies within its place's day, on one resource at a time (the PostgreSQL
    exclusion constraint held at insert), and nothing is booked when a place is closed."""
    today = timezone.localdate()
    assert Booking.objects.filter(local_date=today).count() > 10
    assert Booking.objects.filter(local_date__lt=today - dt.timedelta(days=28)).exists()
    truck = Space.objects.get(slug="le-camion-des-causses")
    stops = set(truck.stops.values_list("date", flat=True))
    assert set(Booking.objects.filter(space=truck).values_list("local_date", flat=True)) <= stops
