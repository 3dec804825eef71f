"""Member prices (a member of a place = an active monthly plan of that place) and the quote a
visitor or a member gets before booking (GET /billing/quote/)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ostal.billing.models import Invoice, Payment
from ostal.bookings.models import Booking
from ostal.memberships.models import Plan, Subscription
from ostal.memberships.services.plans import is_place_member
from tests.backend.billing.factories import NetworkPassMonthlyFactory
from tests.backend.billing.helpers import save_card
from tests.conftest import EMPLOYER_ROLES, FRONT_DESK, ROLES
from tests.factories import PriceFactory, ResourceFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def next_weekday(days_ahead: int = 7) -> dt.date:
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    while day.weekday() > 4:  # the factory's places open Monday to Friday
        day += dt.timedelta(days=1)
    return day


def subscribe(member, space, *, kind="place_n_days", status="active", days_left=20):
    plan = Plan.objects.create(space=space, kind=kind, name=f"{kind} {space.slug}",
                               price=Decimal("90.00"),
                               credit_units=None if kind == "place_unlimited" else 800)
    now = timezone.now()
    return Subscription.objects.create(
        member=member, plan=plan, status=status,
        current_period_start=now - dt.timedelta(days=30 - days_left),
        current_period_end=now + dt.timedelta(days=days_left))


@pytest.fixture
def priced(space_cy):
    ResourceFactory(space=space_cy, kind="desk")
    ResourceFactory(space=space_cy, kind="meeting_room", capacity=8)
    PriceFactory(space=space_cy, resource_kind="desk", unit="day", amount=Decimal("18.00"),
                 member_amount=Decimal("12.00"))
    PriceFactory(space=space_cy, resource_kind="desk", unit="half_day", amount=Decimal("10.00"),
                 member_amount=Decimal("7.00"))
    PriceFactory(space=space_cy, resource_kind="meeting_room", unit="hour",
                 amount=Decimal("20.00"), member_amount=Decimal("15.00"))
    return space_cy


def quote(client, space, **query):
    return client.get("/api/v1/billing/quote/", {"space": space.slug, "kind": "desk",
                                                 "date": next_weekday().isoformat(), **query})


# --- who is a member -------------------------------------------------------------------------

def test_a_member_holds_an_active_monthly_plan_of_that_place(member_ada, space_cy, space_dee):
    now = timezone.now()
    assert not is_place_member(user=member_ada, space=space_cy, now=now)

    subscribe(member_ada, space_dee)
    NetworkPassMonthlyFactory()
    assert not is_place_member(user=member_ada, space=space_cy, now=now)

    subscription = subscribe(member_ada, space_cy)
    assert is_place_member(user=member_ada, space=space_cy, now=now)
    assert not is_place_member(user=member_ada, space=space_cy,
                               now=now + dt.timedelta(days=21))  # the paid period is over

    Subscription.objects.filter(pk=subscription.pk).update(status="past_due")
    assert not is_place_member(user=member_ada, space=space_cy, now=now)


# --- the quote -------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_its_own_price_and_nothing_is_written(client_as, role, member_ada,
                                                              priced):
    subscribe(member_ada, priced)

    answer = quote(client_as(role), priced, part="day")

    assert answer.status_code == 200, answer.content
    body = answer.json()
    member = role == "member_ada"
    assert body["amount"] == ("12.00" if member else "18.00")
    assert body["public_amount"] == "18.00"
    assert body["is_member_price"] is member
    assert body["credits"] == "1.00"
    assert body["covered_by_subscription"] is False
    assert body["credits_available"] == (None if role == "anonymous" else "0.00")
    assert not Booking.objects.exists()


def test_member_prices_follow_the_unit(client_as, member_ada, priced):
    subscribe(member_ada, priced)
    client = client_as("member_ada")

    morning = quote(client, priced, part="morning").json()
    room = quote(client, priced, kind="meeting_room", start_time="10:00",
                 end_time="12:00").json()

    assert (morning["amount"], morning["public_amount"]) == ("7.00", "10.00")
    assert (room["amount"], room["public_amount"]) == ("30.00", "40.00")
    assert room["is_member_price"] is True


def test_without_a_member_price_members_pay_the_public_price(client_as, member_ada, space_cy):
    ResourceFactory(space=space_cy, kind="desk")
    PriceFactory(space=space_cy, resource_kind="desk", unit="day", amount=Decimal("18.00"))
    subscribe(member_ada, space_cy)

    body = quote(client_as("member_ada"), space_cy, part="morning").json()

    assert (body["amount"], body["is_member_price"]) == ("9.00", False)


def test_an_unlimited_plan_covers_desks(client_as, member_ada, priced):
    subscribe(member_ada, priced, kind="place_unlimited")

    body = quote(client_as("member_ada"), priced, part="day").json()

    assert body["covered_by_subscription"] is True
    assert body["amount"] == "12.00"  # what a desk would cost by card anyway


@pytest.mark.parametrize(("query", "status", "code"), [
    ({}, 400, "invalid"),
    ({"part": "day", "start_time": "09:00", "end_time": "10:00"}, 400, "invalid"),
    ({"part": "evening"}, 400, "invalid"),
    ({"part": "day", "kind": "phone_booth"}, 400, "no_resource"),
    ({"kind": "meeting_room", "start_time": "07:00", "end_time": "08:00"}, 400,
     "outside_opening_hours"),
])
def test_a_slot_that_cannot_be_booked_is_a_clear_error(client_as, priced, query, status, code):
    answer = quote(client_as("member_ada"), priced, **query)

    assert answer.status_code == status, answer.content
    assert answer.json()["code"] == code


def test_a_closed_day_or_an_unknown_or_hidden_place_answers_clearly(client_as, priced,
                                                                    operator_cy):
    client = client_as("anonymous")
    sunday = next_weekday() + dt.timedelta(days=(6 - next_weekday().weekday()))
    hidden = SpaceFactory(operator=operator_cy, is_published=False)
    ResourceFactory(space=hidden)

    closed = quote(client, priced, part="day", date=sunday.isoformat())
    unknown = client.get("/api/v1/billing/quote/", {"space": "nowhere", "date": "2030-01-07",
                                                    "part": "day"})

    assert (closed.status_code, closed.json()["code"]) == (400, "closed")
    assert unknown.status_code == 404
    assert quote(client, hidden, part="day").status_code == 404


# --- paying ----------------------------------------------------------------------------------

def test_a_member_pays_the_member_price_by_card(stripe_api, client_as, member_ada, priced):
    subscribe(member_ada, priced)
    client = client_as("member_ada")
    booked = client.post("/api/v1/bookings/", {"space": priced.slug, "kind": "desk",
                                               "date": next_weekday().isoformat(),
                                               "part": "day"}, format="json")
    assert booked.status_code == 201, booked.content
    quoted = client.get(f"/api/v1/billing/bookings/{booked.json()['id']}/quote/").json()
    assert (quoted["amount"], quoted["is_member_price"]) == ("12.00", True)

    paid = client.post(f"/api/v1/billing/bookings/{booked.json()['id']}/checkout/",
                       {"method": "card", "payment_method": save_card(client, stripe_api.url)},
                       format="json")

    assert paid.status_code == 200, paid.content
    assert Payment.objects.get().amount == Decimal("12.00")
    assert Invoice.objects.get().total_gross == Decimal("12.00")


# --- managers set it -------------------------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_managers_of_the_place_set_the_member_price(client_as, role, priced):
    price = priced.prices.get(resource_kind="desk", unit="day")

    answer = client_as(role).patch(f"/api/v1/manage/spaces/{priced.pk}/prices/{price.pk}/",
                                   {"member_amount": "14.50"}, format="json")

    price.refresh_from_db()
    allowed = role in ("manager_cy", "network_admin_nina")
    refused = 403 if role in ("anonymous", "member_ada", *EMPLOYER_ROLES, FRONT_DESK) else 404
    expected = 200 if allowed else refused
    assert answer.status_code == expected, answer.content
    assert price.member_amount == (Decimal("14.50") if allowed else Decimal("12.00"))


def test_a_member_price_above_the_public_price_is_refused(client_as, priced):
    price = priced.prices.get(resource_kind="desk", unit="day")
    client = client_as("manager_cy")

    too_high = client.patch(f"/api/v1/manage/spaces/{priced.pk}/prices/{price.pk}/",
                            {"member_amount": "18.01"}, format="json")
    created = client.post(f"/api/v1/manage/spaces/{priced.pk}/prices/",
                          {"resource_kind": "meeting_room", "unit": "day", "amount": "90.00",
                           "member_amount": None}, format="json")

    assert too_high.status_code == 400
    assert "member_amount" in too_high.json()["fields"]
    price.refresh_from_db()
    assert price.member_amount == Decimal("12.00")
    assert created.status_code == 201, created.content
    assert created.json()["member_amount"] is None


def test_the_place_page_shows_member_prices(client_as, priced):
    page = client_as("anonymous").get(f"/api/v1/directory/spaces/{priced.slug}/").json()

    day = next(p for p in page["prices"] if (p["resource_kind"], p["unit"]) == ("desk", "day"))
    assert (day["amount"], day["member_amount"]) == ("18.00", "12.00")
