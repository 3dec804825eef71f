"""A demo network with a past: a year of members, bookings, payments, invoices, employer usage,
commute declarations and settlements, then today's bookings, so every dashboard, the
observatory, open data and the review pages show real figures at first start (issue 16).

What is written directly and what goes through the domain:

- written in bulk (plain rows, nothing derived from them yet): members and their verified
  addresses, commute declarations, the truck's past stops, last winter's closures, bookings
  (free desks picked here, one booking per desk and part of a day: the PostgreSQL exclusion
  constraint still checks every row) and the card payments' rows (there is no Stripe past to
  replay: they are recorded as already decided);
- through the services, in the order the events happened, each with its own date (`now=`):
  carnets (`carnet_grant` + `invoice_issue`), paying a booking with credits
  (`booking_checkout`), a card payment's fulfilment (`booking_payment_succeeded`: the invoice in
  the operator's name), employees' bookings paid by the employer's pool
  (`employer_booking_checkout`), bundle orders on invoice and their transfers
  (`bundle_order_on_invoice`, `bundle_order_mark_paid`). Invoice numbers are therefore gapless
  and in date order per seller and year, and the ledger is the ledger's own arithmetic;
- the services date what they write `now`: ledger entries and lots, payments, bookings and
  employer bookings are then given the date of their event (one UPDATE per table and date);
- then the derived data as the worker would build it: rollups (`rollups_rebuild`), a monthly
  settlement per operator and month (`settlements_run` on the 5th of each month, as the daily
  job does), and the observatory of every closed month (`publish_closed_months`).

Deterministic for a seed and a day. The shares (occupancy by setting, seasons, statuses,
payment habits) are in the constants below.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from ostal.accounts.models import CommuteDeclaration, User
from ostal.analytics.api.publishing import publish_closed_months
from ostal.analytics.services import rollups_rebuild
from ostal.billing.hooks import PaymentEvent
from ostal.billing.invoicing.issue import LineInput, invoice_issue
from ostal.billing.models import Payment, Settlement
from ostal.billing.pricing import booking_description, booking_price, spend_key
from ostal.billing.settlements import settlements_run
from ostal.billing.vat import seller_for, seller_for_plan, vat_for_plan
from ostal.bookings.models import Booking, BookingPolicy, Part
from ostal.bookings.schedule import SpaceSchedule
from ostal.checkout.services.fulfil import booking_payment_succeeded
from ostal.core.geo import great_circle_km
from ostal.employers.models import BundleOrder, CostCentre, Employer, EmployerBooking, Employment
from ostal.employers.services.bundles import bundle_order_mark_paid, bundle_order_on_invoice
from ostal.employers.services.policies import days_for, policy_for
from ostal.employers.services.pool import employer_booking_record, spend_from_bundle
from ostal.memberships.models import CreditLedgerEntry, CreditLot, Plan
from ostal.memberships.pricing import credit_units_for
from ostal.memberships.services.credits import credit_spend
from ostal.memberships.services.plans import carnet_grant
from ostal.notifications.models import Notification
from ostal.spaces.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, TRUCK_TOUR
from ostal.spaces.models import Closure, Commune, ItineraryStop, Resource, Space

#: Share of a place's desk-time booked on an ordinary weekday at the end of the year, by
#: setting (the network grows: a year ago it was GROWTH_FROM of that).
DESK_DEMAND = {Space.Setting.URBAN: 0.12, Space.Setting.PERIURBAN: 0.08,
               Space.Setting.RURAL: 0.06}
GROWTH_FROM = 0.4
WEEKDAY_FACTOR = (0.8, 1.1, 1.1, 1.05, 0.7, 0.5, 0.3)  # Monday … Sunday
MONTH_FACTOR = {1: 0.9, 2: 0.95, 3: 1.0, 4: 1.0, 5: 0.95, 6: 1.0, 7: 0.75, 8: 0.45, 9: 1.05,
                10: 1.05, 11: 1.0, 12: 0.8}
PARTS = ((Part.DAY, 0.62), (Part.MORNING, 0.24), (Part.AFTERNOON, 0.14))
#: How a past booking ended (cancelled ones at places asking for payment were never paid).
PAST_OUTCOMES = (("checked_in", 0.74), ("confirmed", 0.12), ("no_show", 0.05),
                 ("cancelled", 0.09))
MEMBERS_PER_DESK = 0.9
COMMUTE_DECLARED = 0.6
#: Of the members who book at a place asking for payment: carnet (credits) or card.
PAYS_WITH_CREDITS = 0.7
EMPLOYEES = 14  # Garrigue Logiciels' staff, beside Léo
EMPLOYEE_DAYS_PER_WEEK = (1, 2, 2, 3)
BUNDLE_CARNETS = 12  # carnets per bundle order (10 credits each)
MEETINGS_PER_ROOM_DAY = 1.2
FIRST_NAMES = ["Camille", "Louis", "Manon", "Hugo", "Léa", "Jules", "Chloé", "Arthur", "Inès",
               "Gabriel", "Jeanne", "Raphaël", "Louise", "Paul", "Alice", "Nathan", "Lina",
               "Mathis", "Emma", "Théo", "Zoé", "Maël", "Clara", "Noé", "Margaux", "Sacha",
               "Anaïs", "Baptiste", "Élise", "Tom", "Julie", "Loïc", "Sophie", "Rémi", "Agathe"]
LAST_NAMES = ["Martin", "Bernard", "Roux", "Fabre", "Girard", "Bonnet", "Durand", "Vidal",
              "Fournier", "Mercier", "Blanc", "Garcia", "Rey", "Arnaud", "Roussel", "Marty",
              "Bousquet", "Cazals", "Delmas", "Rouquette", "Sabatier", "Castan", "Teulier",
              "Pujol", "Maurel", "Cabrol", "Escande", "Barthès", "Nougaret", "Vernhes"]
SETTLEMENT_RUN_DAY = 5  # the daily job's run that closes the month before last, in the story
UTC = dt.UTC


@dataclass
class HistorySummary:
    members: int = 0
    bookings: int = 0
    bookings_today: int = 0
    card_payments: int = 0
    credit_payments: int = 0
    employer_bookings: int = 0
    carnets: int = 0
    bundle_orders: int = 0
    settlements: int = 0
    months_published: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class _Place:
    space: Space
    schedule: SpaceSchedule
    desks: list[int]
    rooms: list[int]
    demand: float
    paid: bool
    carnet: Plan | None
    members: list[int] = field(default_factory=list)


@dataclass
class _Wallet:
    """The lots a member (or the employer's pool) holds as the story goes, to know when a new
    carnet (or bundle) is needed: [expires_at, units left, scope], spent oldest-expiring
    first, as the ledger spends them."""

    lots: list[list[Any]] = field(default_factory=list)

    def available(self, scope: str, at: dt.datetime) -> int:
        return sum(lot[1] for lot in self.lots if lot[2] == scope and lot[0] > at)

    def add(self, scope: str, units: int, expires_at: dt.datetime) -> None:
        self.lots.append([expires_at, units, scope])
        self.lots.sort(key=lambda lot: lot[0])

    def spend(self, scope: str, units: int, at: dt.datetime) -> None:
        for lot in self.lots:
            if lot[2] == scope and lot[0] > at and units:
                take = min(lot[1], units)
                lot[1] -= take
                units -= take


@dataclass(order=True)
class _Event:
    at: dt.datetime
    order: int
    kind: str = field(compare=False)
    data: Any = field(compare=False)


class DemoHistoryBuilder:
    def __init__(self, *, seed: int, today: dt.date, now: dt.datetime, months: int,
                 scale: float) -> None:
        self.rng = random.Random(seed * 7 + 1)  # noqa: S311 - demo data, not secrets
        self.today = today
        self.now = now
        self.first_day = _first_day(today, months)
        self.start_at = history_start(months, now=now)
        self.last_day = today + dt.timedelta(days=14)
        self.scale = scale
        self.summary = HistorySummary()
        self.events: list[_Event] = []
        self.users: dict[int, User] = {}
        self.dates: dict[str, dict[int, dt.datetime]] = defaultdict(dict)
        self.taken: set[tuple[int, dt.date]] = set()  # (member, day): one place a day

    # --- the story ------------------------------------------------------------------------

    def build(self) -> HistorySummary:
        clock = time.perf_counter()
        self._past_hours()
        self.places = self._places()
        self._members()
        self.summary.seconds["members"] = round(time.perf_counter() - clock, 1)
        clock = time.perf_counter()
        bookings = self._bookings()
        self.summary.seconds["bookings"] = round(time.perf_counter() - clock, 1)
        clock = time.perf_counter()
        self._money(bookings)
        self.summary.seconds["money"] = round(time.perf_counter() - clock, 1)
        clock = time.perf_counter()
        rollups_rebuild(self.first_day, self.last_day, today=self.today)
        self.summary.seconds["rollups"] = round(time.perf_counter() - clock, 1)
        clock = time.perf_counter()
        self._settlements()
        self.summary.months_published = len(publish_closed_months(today=self.today))
        Notification.objects.filter(status=Notification.Status.PENDING,
                                    send_after__lt=self.now).update(
            status=Notification.Status.CANCELLED)  # no mail about the story's past
        self.summary.seconds["settlements"] = round(time.perf_counter() - clock, 1)
        return self.summary

    def _past_hours(self) -> None:
        """The truck toured the same villages every week of the year, and half the places
        closed last Christmas too."""
        truck = Space.objects.get(kind=Space.Kind.ITINERANT)
        known = set(ItineraryStop.objects.filter(space=truck).values_list("date", flat=True))
        communes = {c.insee_code: c for c in Commune.objects.filter(
            insee_code__in=[code for _, code, _ in TRUCK_TOUR])}
        monday = self.first_day - dt.timedelta(days=self.first_day.weekday())
        stops = []
        while monday <= self.last_day:
            for weekday, code, note in TRUCK_TOUR:
                day = monday + dt.timedelta(days=weekday)
                if day not in known and self.first_day <= day <= self.last_day:
                    commune = communes[code]
                    stops.append(ItineraryStop(space=truck, date=day, commune=commune,
                                               opens=dt.time(9), closes=dt.time(17),
                                               location_note=note, latitude=commune.latitude,
                                               longitude=commune.longitude))
            monday += dt.timedelta(days=7)
        if self.today not in known | {stop.date for stop in stops}:
            # A day off the weekly tour (a weekend): the truck is at Mende's market, so the
            # demo manager's first look always has people to welcome.
            mende = Commune.objects.get(insee_code="48095")
            stops.append(ItineraryStop(space=truck, date=self.today, commune=mende,
                                       opens=dt.time(9), closes=dt.time(17),
                                       location_note="Marché, place Urbain-V",
                                       latitude=mende.latitude, longitude=mende.longitude))
        ItineraryStop.objects.bulk_create(stops)
        closures = []
        for closure in Closure.objects.filter(reason="Fermeture de Noël"):
            last_year = closure.start_date.replace(year=closure.start_date.year - 1)
            if last_year >= self.first_day:
                closures.append(Closure(space_id=closure.space_id, start_date=last_year,
                                        end_date=last_year + dt.timedelta(days=2),
                                        reason=closure.reason))
        Closure.objects.bulk_create(closures)

    def _places(self) -> list[_Place]:
        paid = set(BookingPolicy.objects.filter(resource_kind=Resource.Kind.DESK,
                                                requires_payment=True)
                   .values_list("space_id", flat=True))
        carnets = {plan.space_id: plan for plan in Plan.objects.filter(
            kind=Plan.Kind.PLACE_CARNET, is_active=True).select_related("seller_operator")}
        resources: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for pk, space_id, kind in Resource.objects.filter(is_active=True).order_by(
                "space_id", "pk").values_list("pk", "space_id", "kind"):
            resources[space_id][kind].append(pk)
        places = []
        for space in Space.objects.select_related("operator", "commune").order_by("pk"):
            places.append(_Place(
                space=space, schedule=SpaceSchedule.load(space, self.first_day, self.last_day),
                desks=resources[space.pk][Resource.Kind.DESK],
                rooms=resources[space.pk][Resource.Kind.MEETING_ROOM],
                demand=DESK_DEMAND[space.setting] * self.scale,  # type: ignore[index]
                paid=space.pk in paid, carnet=carnets.get(space.pk)))
        return places

    def _members(self) -> None:
        """About one member per desk, living near their place; six in ten declared their
        commute (home commune, and the town of their usual workplace)."""
        rng = self.rng
        password = make_password(DEMO_PASSWORD)
        communes = list(Commune.objects.order_by("insee_code"))
        towns = [c for c in communes if c.population >= 20_000]
        rows: list[tuple[User, _Place, Commune]] = []
        number = 0
        for place in self.places:
            near = [c for c in communes if c.department_code == place.space.commune.department_code
                    and great_circle_km(c.latitude, c.longitude, place.space.latitude,
                                        place.space.longitude) < 18] or [place.space.commune]
            count = max(3, round(len(place.desks) * MEMBERS_PER_DESK * min(1.0, self.scale)))
            for _ in range(count):
                number += 1
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                user = User(email=f"membre{number:04d}@membres.ostal.demo", password=password,
                            first_name=first, last_name=last,
                            language="fr" if rng.random() < 0.9 else "en")
                rows.append((user, place, rng.choice(near)))
        User.objects.bulk_create([user for user, _, _ in rows], batch_size=1000)
        created = {u.email: u for u in User.objects.filter(
            email__endswith="@membres.ostal.demo")}
        declarations = []
        addresses = []
        for user, place, home in rows:
            user = created[user.email]
            self.users[user.pk] = user
            place.members.append(user.pk)
            addresses.append(EmailAddress(user=user, email=user.email, verified=True,
                                          primary=True))
            if rng.random() < COMMUTE_DECLARED:
                far = [t for t in towns if 15 < great_circle_km(
                    home.latitude, home.longitude, t.latitude, t.longitude) < 90]
                work = min(far or towns, key=lambda t: great_circle_km(
                    home.latitude, home.longitude, t.latitude, t.longitude) + rng.uniform(0, 30))
                declarations.append(CommuteDeclaration(user=user, home_commune=home,
                                                       workplace_commune=work))
        EmailAddress.objects.bulk_create(addresses, batch_size=1000)
        CommuteDeclaration.objects.bulk_create(declarations, batch_size=1000)
        self.summary.members = len(rows)
        # The demo member books too: near Montpellier, with a carnet.
        ada = User.objects.get(email=DEMO_ACCOUNTS["member"])
        self.users[ada.pk] = ada
        busiest = max((p for p in self.places if p.space.accepts_network_pass and p.paid
                       and p.space.commune.department_code == "34"),
                      key=lambda p: len(p.desks), default=None)
        if busiest is not None:
            busiest.members.extend([ada.pk] * 3)  # a regular there

    # --- bookings -------------------------------------------------------------------------

    def _bookings(self) -> list[Booking]:
        rng = self.rng
        span = (self.last_day - self.first_day).days or 1
        bookings: list[Booking] = []
        employees = self._employees()
        for place in self.places:
            tz = place.schedule.tz
            day = self.first_day
            while day <= self.last_day:
                hours = place.schedule.day(day)
                if hours.is_open:
                    growth = GROWTH_FROM + (1 - GROWTH_FROM) * (day - self.first_day).days / span
                    wanted = (len(place.desks) * place.demand * growth
                              * WEEKDAY_FACTOR[day.weekday()] * MONTH_FACTOR[day.month])
                    if place.space.kind == Space.Kind.ITINERANT:
                        wanted = len(place.desks) * 0.55 * growth  # a village's event
                    count = min(len(place.desks), _poisson(rng, wanted))
                    bookings.extend(self._desk_day(place, day, hours, count, tz))
                    bookings.extend(self._rooms_day(place, day, hours))
                day += dt.timedelta(days=1)
        bookings.extend(self._employee_bookings(employees, bookings))
        self._ensure_manager_has_today(bookings)
        Booking.objects.bulk_create(bookings, batch_size=2000)
        self.summary.bookings = len(bookings)
        self.summary.bookings_today = sum(1 for b in bookings if b.local_date == self.today)
        self.dates["booking_created"] = {
            b.pk: b._demo_created for b in bookings}  # type: ignore[attr-defined]
        return bookings

    def _desk_day(self, place: _Place, day: dt.date, hours: Any, count: int,
                  tz: ZoneInfo) -> Iterable[Booking]:
        rng = self.rng
        members = [m for m in place.members if (m, day) not in self.taken]
        rng.shuffle(members)
        desks = list(place.desks)
        rng.shuffle(desks)
        for desk, member in zip(desks[:count], members, strict=False):
            part = _weighted(rng, PARTS)
            span = hours.part_span(part) or hours.part_span(Part.DAY)
            if span is None:
                continue
            if hours.part_span(part) is None:
                part = Part.DAY
            self.taken.add((member, day))
            yield self._booking(place, desk, Resource.Kind.DESK, member, day, part,
                                span.start, span.end)

    def _rooms_day(self, place: _Place, day: dt.date, hours: Any) -> Iterable[Booking]:
        rng = self.rng
        slots = hours.time_slots(60)
        if not slots or not place.members:
            return
        for room in place.rooms:
            free = list(range(len(slots) - 1))
            for _ in range(_poisson(rng, MEETINGS_PER_ROOM_DAY * place.demand * 2.5)):
                if not free:
                    break
                first = rng.choice(free)
                length = 2 if first + 1 in free and rng.random() < 0.4 else 1
                for index in range(first, first + length):
                    free.remove(index)
                member = rng.choice(place.members)
                yield self._booking(place, room, Resource.Kind.MEETING_ROOM, member, day,
                                    Part.CUSTOM, slots[first].start,
                                    slots[first + length - 1].end)

    def _booking(self, place: _Place, resource: int, kind: str, member: int, day: dt.date,
                 part: str, start: dt.datetime, end: dt.datetime) -> Booking:
        lead = dt.timedelta(days=self.rng.choice((0, 1, 1, 2, 3, 5, 7, 14)),
                            hours=self.rng.randint(1, 10))
        created = min(start - lead, self.now - dt.timedelta(minutes=self.rng.randint(5, 600)))
        created = max(created, min(start, self.start_at + dt.timedelta(minutes=30)))
        booking = Booking(space=place.space, resource_id=resource, resource_kind=kind,
                          member_id=member, status=Booking.Status.CONFIRMED,
                          source=Booking.Source.MEMBER, start=start, end=end, local_date=day,
                          part=part, confirmed_at=created)
        booking.space = place.space
        booking._demo_created = created  # type: ignore[attr-defined]
        booking._demo_place = place  # type: ignore[attr-defined]
        self._outcome(booking, created)
        return booking

    def _outcome(self, booking: Booking, created: dt.datetime) -> None:
        """How the booking ended: past ones mostly checked in, some no-shows and cancellations
        (at a place asking for payment, a cancelled one was a hold let go: never paid, never
        confirmed); today's arrivals so far mostly checked in; later ones confirmed."""
        rng = self.rng
        if booking.start <= self.now:
            outcome = _weighted(rng, PAST_OUTCOMES) if booking.local_date < self.today else (
                "checked_in" if rng.random() < 0.8 else "confirmed")
        else:
            outcome = "confirmed"
        if outcome == "checked_in":
            booking.status = Booking.Status.CHECKED_IN
            booking.checked_in_at = booking.start + dt.timedelta(minutes=rng.randint(0, 40))
        elif outcome == "no_show":
            booking.status = Booking.Status.NO_SHOW
            booking.no_show_at = booking.start + dt.timedelta(hours=1)
        elif outcome == "cancelled":
            booking.status = Booking.Status.CANCELLED
            booking.cancelled_at = created + (booking.start - created) / 2
            booking.cancelled_by_id = booking.member_id
            place: _Place = booking._demo_place  # type: ignore[attr-defined]
            if place.paid and booking.resource_kind == Resource.Kind.DESK:
                booking.confirmed_at = None

    def _employees(self) -> list[tuple[Employment, list[_Place], int]]:
        """Garrigue Logiciels' staff: Léo and colleagues living around Montpellier, each with
        the places near home they telework from and how many days a week."""
        employer = Employer.objects.get(name="Garrigue Logiciels")
        centre = CostCentre.objects.filter(employer=employer).first()
        rng = self.rng
        password = make_password(DEMO_PASSWORD)
        people = [User(email=f"salarie{n:02d}@garrigue.ostal.demo", password=password,
                       first_name=rng.choice(FIRST_NAMES), last_name=rng.choice(LAST_NAMES))
                  for n in range(1, EMPLOYEES + 1)]
        User.objects.bulk_create(people)
        people = list(User.objects.filter(email__endswith="@garrigue.ostal.demo"))
        EmailAddress.objects.bulk_create(EmailAddress(user=u, email=u.email, verified=True,
                                                      primary=True) for u in people)
        Employment.objects.bulk_create(Employment(employer=employer, user=u, email=u.email,
                                                  cost_centre=centre,
                                                  status=Employment.Status.ACTIVE)
                                       for u in people)
        montpellier = Commune.objects.get(insee_code="34172")
        herault = [p for p in self.places if p.space.commune.department_code == "34"
                   and p.space.accepts_network_pass and p.space.kind != Space.Kind.ITINERANT]
        declarations = []
        result = []
        for employment in Employment.objects.filter(employer=employer).select_related("user"):
            user = employment.user
            assert user is not None
            self.users[user.pk] = user
            places = rng.sample(herault, k=min(2, len(herault)))
            result.append((employment, places, rng.choice(EMPLOYEE_DAYS_PER_WEEK)))
            if not CommuteDeclaration.objects.filter(user=user).exists():
                declarations.append(CommuteDeclaration(
                    user=user, home_commune=places[0].space.commune,
                    workplace_commune=montpellier))
        CommuteDeclaration.objects.bulk_create(declarations)
        self.employer = employer
        self.policy = policy_for(result[0][0])  # the company's policy: the same for everyone
        self.summary.members += len(people)
        return result

    def _employee_bookings(self, employees: list[tuple[Employment, list[_Place], int]],
                           others: list[Booking]) -> Iterable[Booking]:
        """A few days a week each (never beyond the policy's three), a free desk at one of
        their places; employer bookings start when the bundle did (the first day)."""
        rng = self.rng
        used: set[tuple[int, dt.date, str]] = {(b.resource_id, b.local_date, b.part)
                                               for b in others}
        used_day: set[tuple[int, dt.date]] = {(b.resource_id, b.local_date) for b in others}
        monday = self.first_day - dt.timedelta(days=self.first_day.weekday())
        while monday <= self.last_day:
            for employment, places, per_week in employees:
                assert employment.user_id is not None
                days = sorted(rng.sample(range(5), k=per_week))
                for weekday in days:
                    day = monday + dt.timedelta(days=weekday)
                    if not self.first_day <= day <= self.last_day or (
                            MONTH_FACTOR[day.month] < 0.5 and rng.random() < 0.6):
                        continue  # holidays
                    place = rng.choice(places)
                    hours = place.schedule.day(day)
                    span = hours.part_span(Part.DAY)
                    if span is None or (employment.user_id, day) in self.taken:
                        continue
                    desk = next((d for d in place.desks if (d, day) not in used_day), None)
                    if desk is None:
                        continue
                    used_day.add((desk, day))
                    used.add((desk, day, Part.DAY))
                    self.taken.add((employment.user_id, day))
                    booking = self._booking(place, desk, Resource.Kind.DESK,
                                            employment.user_id, day, Part.DAY, span.start,
                                            span.end)
                    booking._demo_employment = employment  # type: ignore[attr-defined]
                    if booking.status == Booking.Status.CANCELLED:
                        booking.status, booking.cancelled_at = Booking.Status.CHECKED_IN, None
                        booking.cancelled_by_id = None
                        booking.checked_in_at = booking.start + dt.timedelta(minutes=10)
                    yield booking
            monday += dt.timedelta(days=7)

    def _ensure_manager_has_today(self, bookings: list[Booking]) -> None:
        """The demo manager's truck, if it stops today, has people to welcome and check in."""
        truck = next(p for p in self.places if p.space.kind == Space.Kind.ITINERANT)
        hours = truck.schedule.day(self.today)
        if not hours.is_open:
            return
        booked = {b.resource_id for b in bookings if b.space.pk == truck.space.pk
                  and b.local_date == self.today}
        wanted = max(0, 4 - len(booked))
        members = [m for m in truck.members if (m, self.today) not in self.taken]
        for desk, member in zip([d for d in truck.desks if d not in booked][:wanted], members,
                                strict=False):
            span = hours.part_span(Part.DAY)
            assert span is not None
            self.taken.add((member, self.today))
            bookings.append(self._booking(truck, desk, Resource.Kind.DESK, member, self.today,
                                          Part.DAY, span.start, span.end))
        today = [b for b in bookings if b.space.pk == truck.space.pk
                 and b.local_date == self.today]
        for booking in today[:2]:  # two not there yet: to check in
            booking.status, booking.checked_in_at = Booking.Status.CONFIRMED, None
            booking.cancelled_at, booking.cancelled_by_id = None, None
            booking.confirmed_at = booking._demo_created  # type: ignore[attr-defined]

    # --- money ----------------------------------------------------------------------------

    def _money(self, bookings: list[Booking]) -> None:
        """Who pays what, in the order it happened: at places asking for payment each booking
        is paid (credits of a carnet bought when needed, or card); employees' bookings by the
        employer's pool (bundles ordered when it runs low)."""
        rng = self.rng
        habit: dict[int, str] = {}
        order = 0
        for booking in bookings:
            order += 1
            created = booking._demo_created  # type: ignore[attr-defined]
            employment = getattr(booking, "_demo_employment", None)
            if employment is not None:
                self.events.append(_Event(created, order, "employer", booking))
                continue
            place: _Place = booking._demo_place  # type: ignore[attr-defined]
            if not place.paid or booking.resource_kind != Resource.Kind.DESK or (
                    booking.status == Booking.Status.CANCELLED):
                continue  # paid on site, or a hold let go
            member = booking.member_id
            if member not in habit:
                habit[member] = "credits" if rng.random() < PAYS_WITH_CREDITS else "card"
            method = habit[member]
            if method == "credits" and not (place.space.accepts_network_pass or place.carnet):
                method = "card"
            self.events.append(_Event(created, order, method, booking))
        self.events.sort()
        self.plans = {plan.kind: plan for plan in Plan.objects.filter(
            kind=Plan.Kind.NETWORK_CARNET, is_active=True)}
        self.wallets: dict[int, _Wallet] = defaultdict(_Wallet)
        self.pool = _Wallet()
        self.pending_orders: list[tuple[dt.datetime, BundleOrder]] = []
        admin = self.employer.admins.order_by("pk").first()
        assert admin is not None
        self.employer_admin = admin
        for bundle in BundleOrder.objects.filter(employer=self.employer):  # the seed's first
            ordered = CreditLot.objects.get(source_key=f"bundle-order:{bundle.reference}"
                                            ).valid_from
            self.pool.add("network", bundle.credit_units,
                          ordered + dt.timedelta(days=bundle.plan.validity_days))
            self.dates["order"][bundle.pk] = ordered
            if bundle.status == BundleOrder.Status.GRANTED:
                self.pending_orders.append((ordered + dt.timedelta(days=20), bundle))
        for event in self.events:
            self._pay_orders_due(event.at)
            if event.kind == "credits":
                self._pay_with_credits(event.data, event.at)
            elif event.kind == "card":
                self._pay_by_card(event.data, event.at)
            elif event.kind == "employer":
                self._pay_by_employer(event.data, event.at)
        self._pay_orders_due(self.now)
        self._backdate()

    def _pay_with_credits(self, booking: Booking, at: dt.datetime) -> None:
        place: _Place = booking._demo_place  # type: ignore[attr-defined]
        member = self.users[booking.member_id]
        units = credit_units_for(resource_kind=booking.resource_kind, part=booking.part,
                                 start=booking.start, end=booking.end)
        scope = "network" if place.space.accepts_network_pass else f"place:{place.space.pk}"
        wallet = self.wallets[member.pk]
        if wallet.available(scope, at) < units:
            plan = self.plans[Plan.Kind.NETWORK_CARNET] if scope == "network" else place.carnet
            assert plan is not None
            bought = at  # just before booking (the same minute: invoices stay in date order)
            self._buy_carnet(member, plan, bought)
            wallet.add(scope, plan.credit_units or 0,
                       bought + dt.timedelta(days=plan.validity_days))
        # What `booking_checkout(method="credits")` does once the booking is locked and found
        # payable: spend from the member's lots, oldest-expiring first (the ledger's service).
        credit_spend(user=member, units=units, space=place.space, reason_type="booking",
                     reason_id=str(booking.reference), operation_key=spend_key(booking),
                     now=at)
        wallet.spend(scope, units, at)
        self.dates["booking"][booking.pk] = at
        self.summary.credit_payments += 1

    def _buy_carnet(self, member: User, plan: Plan, at: dt.datetime) -> None:
        """A carnet bought by card: the payment as decided, then what billing's fulfilment
        does with it (credits, invoice in the seller's name)."""
        seller = seller_for_plan(plan)
        payment = Payment.objects.create(
            payer=member, purpose=Payment.Purpose.PLAN_PURCHASE, plan=plan,
            seller_key=seller.key, seller_operator=plan.seller_operator,
            description=plan.name[:200], amount=plan.price, currency=plan.currency,
            status=Payment.Status.SUCCEEDED, succeeded_at=at)
        carnet_grant(user=member, plan=plan, source_key=f"payment:{payment.reference}",
                     value=payment.amount, now=at)
        invoice_issue(seller=seller, buyer=member, source_key=f"payment:{payment.reference}",
                      service_date=at.astimezone(ZoneInfo("Europe/Paris")).date(),
                      currency=payment.currency, payment=payment, paid_at=at, now=at,
                      lines=[LineInput(payment.description, Decimal("1"), payment.amount,
                                       vat_for_plan(plan))])
        self.dates["payment"][payment.pk] = at
        self.summary.carnets += 1

    def _pay_by_card(self, booking: Booking, at: dt.datetime) -> None:
        if booking.status == Booking.Status.NO_SHOW:  # paid when booking, absent later
            Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.CONFIRMED)
            self._pay_by_card_now(booking, at)
            Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.NO_SHOW)
        else:
            self._pay_by_card_now(booking, at)

    def _pay_by_card_now(self, booking: Booking, at: dt.datetime) -> None:
        amount, currency = booking_price(booking, now=at)
        operator = booking.space.operator
        payment = Payment.objects.create(
            payer_id=booking.member_id, purpose=Payment.Purpose.BOOKING, booking=booking,
            seller_key=seller_for(operator).key, seller_operator=operator,
            description=booking_description(booking), amount=amount, currency=currency,
            status=Payment.Status.SUCCEEDED, succeeded_at=at)
        booking_payment_succeeded(PaymentEvent(payment, at))
        self.dates["payment"][payment.pk] = at
        self.summary.card_payments += 1

    def _pay_by_employer(self, booking: Booking, at: dt.datetime) -> None:
        units = credit_units_for(resource_kind=booking.resource_kind, part=booking.part,
                                 start=booking.start, end=booking.end)
        if self.pool.available("network", at) < units:
            self._order_bundle(at)
        # What `employer_booking_checkout` does once the policy said yes (the story never
        # books an employee beyond the policy's days a week): the pool's spend, then the row.
        employment = booking._demo_employment  # type: ignore[attr-defined]
        spend, overage = spend_from_bundle(employment=employment, policy=self.policy,
                                           booking=booking, units=units, now=at)
        employer_booking_record(employment=employment, booking=booking,
                                days=days_for(part=booking.part, start=booking.start,
                                              end=booking.end),
                                company_units=units, spend=spend, overage_units=overage,
                                employee_units=0, employee_amount=Decimal(0))
        self.pool.spend("network", units, at)
        self.dates["booking"][booking.pk] = at
        self.summary.employer_bookings += 1

    def _order_bundle(self, at: dt.datetime) -> None:
        plan = self.plans[Plan.Kind.NETWORK_CARNET]
        order = bundle_order_on_invoice(
            employer=self.employer, actor=self.employer_admin, plan=plan,
            quantity=BUNDLE_CARNETS, now=at,
            purchase_order=f"GL-{at:%Y%m}-{self.summary.bundle_orders + 1}")
        self.pool.add("network", order.credit_units,
                      at + dt.timedelta(days=plan.validity_days))
        self.pending_orders.append((at + dt.timedelta(days=self.rng.randint(12, 28)), order))
        self.dates["order"][order.pk] = at
        self.summary.bundle_orders += 1

    def _pay_orders_due(self, at: dt.datetime) -> None:
        """The network received the transfers that were due by `at`."""
        for due, order in [item for item in self.pending_orders if item[0] <= at]:
            bundle_order_mark_paid(order=order, now=due)
            self.pending_orders.remove((due, order))

    def _backdate(self) -> None:
        """What the services wrote `now` gets the date of its event."""
        booking_dates = self.dates["booking"]
        refs = {str(ref): pk for pk, ref in Booking.objects.filter(
            pk__in=list(booking_dates)).values_list("pk", "reference")}
        for entry_pk, reason_id in CreditLedgerEntry.objects.filter(
                reason_type="booking").values_list("pk", "reason_id"):
            if reason_id in refs:
                self.dates["entry"][entry_pk] = booking_dates[refs[reason_id]]
        for lot_pk, valid_from in CreditLot.objects.values_list("pk", "valid_from"):
            self.dates["lot"][lot_pk] = valid_from
        for entry_pk, lot_pk in CreditLedgerEntry.objects.filter(
                kind=CreditLedgerEntry.Kind.GRANT).values_list("pk", "lot_id"):
            self.dates["entry"][entry_pk] = self.dates["lot"][lot_pk]
        for pk, booking_id in EmployerBooking.objects.values_list("pk", "booking_id"):
            if booking_id in booking_dates:
                self.dates["employer_booking"][pk] = booking_dates[booking_id]
        for model, key in ((Booking, "booking_created"), (CreditLedgerEntry, "entry"),
                           (CreditLot, "lot"),
                           (Payment, "payment"), (EmployerBooking, "employer_booking"),
                           (BundleOrder, "order")):
            _set_created_at(model, self.dates[key])

    # --- derived data ---------------------------------------------------------------------

    def _settlements(self) -> None:
        """The daily settlements job as it ran in the story: on the 5th of each month it drew
        up last month's statements and closed those whose month ended long enough ago."""
        month = self.first_day
        limit = self.today.replace(day=1)
        while month < limit:
            following = (month + dt.timedelta(days=32)).replace(day=1)
            run_at = dt.datetime.combine(following + dt.timedelta(days=SETTLEMENT_RUN_DAY - 1),
                                         dt.time(6), tzinfo=ZoneInfo("Europe/Paris"))
            if run_at > self.now:
                run_at = self.now
            settlements_run(now=run_at)
            month = following
        self.summary.settlements = Settlement.objects.count()


def _set_created_at(model: Any, dates: dict[int, dt.datetime]) -> None:
    """Give many rows their own created_at: the dates go to a temporary table (one batched
    INSERT), then one UPDATE reads them (the same SQL on PostgreSQL and SQLite)."""
    if not dates:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE demo_dates (id bigint PRIMARY KEY, "
                       "at timestamp with time zone)")
        cursor.executemany("INSERT INTO demo_dates (id, at) VALUES (%s, %s)",
                           [(pk, adapt(at)) for pk, at in dates.items()])
        cursor.execute(f"UPDATE {table} SET created_at = (SELECT at FROM demo_dates "  # noqa: S608
                       f"WHERE demo_dates.id = {table}.id) "
                       "WHERE id IN (SELECT id FROM demo_dates)")
        cursor.execute("DROP TABLE demo_dates")


def _weighted(rng: random.Random, pairs: Iterable[tuple[str, float]]) -> str:
    items = list(pairs)
    return rng.choices([value for value, _ in items], weights=[w for _, w in items])[0]


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth's method; the means here are small)."""
    if mean <= 0:
        return 0
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def demo_history_create(*, seed: int = 2026, months: int = 12, scale: float = 1.0,
                        today: dt.date | None = None) -> HistorySummary:
    """Give the demo network its past (see the module docstring). Runs after the network, the
    offers and the employer exist; in one transaction."""
    now = timezone.now()
    today = today or timezone.localdate(now)
    with transaction.atomic():
        return DemoHistoryBuilder(seed=seed, today=today, now=now, months=months,
                                  scale=scale).build()


def history_start(months: int, *, now: dt.datetime | None = None) -> dt.datetime:
    """When the demo's past begins: 08:00 in Paris on the first day of the month `months`
    closed months ago (the employer's first bundle is ordered then)."""
    today = timezone.localdate(now or timezone.now())
    return dt.datetime.combine(_first_day(today, months), dt.time(8),
                               tzinfo=ZoneInfo("Europe/Paris"))


def _first_day(today: dt.date, months: int) -> dt.date:
    """First day of the month `months` closed months before the current one."""
    day = today.replace(day=1)
    for _ in range(months):
        day = (day - dt.timedelta(days=1)).replace(day=1)
    return day
