"""A member cancelling after the place's deadline: allowed once they confirm (`late: true`),
under the late cancellation policy (BILLING_LATE_CANCELLATION_REFUND_PERCENT of the card
payment back with a credit note; credits kept below 100 %); never once the booking started."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from ostal.billing.models import Invoice, Payment, Refund
from ostal.billing.services.payments import refund_execute
from ostal.bookings.models import Booking
from ostal.memberships.selectors import wallet_get
from ostal.memberships.services.credits import credit_grant
from tests.backend.billing.helpers import save_card
from tests.conftest import ROLES
from tests.factories import PriceFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def next_weekday(days_ahead: int = 7) -> dt.date:
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    while day.weekday() > 4:
        day += dt.timedelta(days=1)
    return day


@pytest.fixture
def place(space_cy):
    ResourceFactory(space=space_cy, kind="desk")
    PriceFactory(space=space_cy, resource_kind="desk", unit="day", amount=Decimal("18.00"))
    return space_cy


def book(client, place) -> Booking:
    answer = client.post("/api/v1/bookings/", {"space": place.slug, "kind": "desk",
                                               "date": next_weekday().isoformat(),
                                               "part": "day"}, format="json")
    assert answer.status_code == 201, answer.content
    return Booking.objects.get(pk=answer.json()["id"])


def pay(client, booking, **body):
    answer = client.post(f"/api/v1/billing/bookings/{booking.pk}/checkout/", body,
                         format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["booking_status"] == "confirmed"


def cancel(client, booking, **body):
    return client.post(f"/api/v1/bookings/{booking.pk}/cancel/", body, format="json")


def terms(client, booking):
    return client.get(f"/api/v1/billing/bookings/{booking.pk}/cancellation/")


@pytest.fixture
def paid_by_card(stripe_api, client_as, member_ada, place):
    client = client_as("member_ada")
    booking = book(client, place)
    pay(client, booking, method="card", payment_method=save_card(client, stripe_api.url))
    return booking


@pytest.fixture
def paid_by_credits(client_as, member_ada, place):
    now = timezone.now()
    credit_grant(user=member_ada, units=100, scope="network", space=None,
                 valid_from=now - dt.timedelta(days=1), expires_at=now + dt.timedelta(days=60),
                 source="purchase", source_key="test:late", vat_treatment="multi_purpose")
    client = client_as("member_ada")
    booking = book(client, place)
    pay(client, booking, method="credits")
    return booking


def ten_minutes_before(booking):
    return time_machine.travel(booking.start - dt.timedelta(minutes=10), tick=False)


def test_without_confirming_a_late_cancellation_changes_nothing(client_as, paid_by_card):
    client = client_as("member_ada")
    with ten_minutes_before(paid_by_card):
        answer = cancel(client, paid_by_card)

    assert answer.status_code == 400
    assert answer.json()["code"] == "too_late_to_cancel"
    paid_by_card.refresh_from_db()
    assert paid_by_card.status == "confirmed"
    assert not Refund.objects.exists()


@pytest.mark.parametrize(("percent", "refunded"), [(50, "9.00"), (0, "0.00")])
def test_late_cancellation_of_a_card_payment_refunds_the_configured_share(
        client_as, paid_by_card, settings, percent, refunded):
    settings.BILLING_LATE_CANCELLATION_REFUND_PERCENT = percent
    client = client_as("member_ada")
    with ten_minutes_before(paid_by_card):
        shown = terms(client, paid_by_card).json()
        answer = cancel(client, paid_by_card, late=True)

    assert shown["is_late"] is True
    assert shown["has_started"] is False
    assert (shown["refund_percent"], shown["paid_amount"], shown["refund_amount"]) == (
        percent, "18.00", refunded)
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "cancelled"
    for refund in Refund.objects.all():
        refund_execute(refund=refund)
    payment = Payment.objects.get()
    assert payment.amount_refunded == Decimal(refunded)
    notes = Invoice.objects.filter(doc_type="credit_note")
    if percent:
        assert payment.status == "partially_refunded"
        assert [note.total_gross for note in notes] == [Decimal(refunded)]
    else:
        assert payment.status == "succeeded"
        assert not notes.exists()


def test_late_cancellation_keeps_the_credits(client_as, member_ada, paid_by_credits):
    client = client_as("member_ada")
    with ten_minutes_before(paid_by_credits):
        shown = terms(client, paid_by_credits).json()
        answer = cancel(client, paid_by_credits, late=True)

    assert (shown["credits_spent"], shown["credits_returned"]) == ("1.00", False)
    assert answer.status_code == 200, answer.content
    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 0


def test_a_full_late_refund_gives_the_credits_back_too(client_as, member_ada, paid_by_credits,
                                                       settings):
    settings.BILLING_LATE_CANCELLATION_REFUND_PERCENT = 100
    with ten_minutes_before(paid_by_credits):
        assert terms(client_as("member_ada"), paid_by_credits).json()["credits_returned"]
        cancel(client_as("member_ada"), paid_by_credits, late=True)

    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 100


def test_on_time_the_terms_promise_everything_back(client_as, paid_by_credits):
    shown = terms(client_as("member_ada"), paid_by_credits).json()

    assert (shown["is_late"], shown["refund_percent"], shown["credits_returned"]) == (
        False, 100, True)
    assert shown["deadline"] == (paid_by_credits.start - dt.timedelta(minutes=60)).isoformat(
    ).replace("+00:00", "Z")


def test_a_started_booking_cannot_be_cancelled_by_its_member(client_as, paid_by_card):
    client = client_as("member_ada")
    with time_machine.travel(paid_by_card.start + dt.timedelta(minutes=5), tick=False):
        shown = terms(client, paid_by_card).json()
        answer = cancel(client, paid_by_card, late=True)

    assert shown["has_started"] is True
    assert answer.status_code == 400
    assert answer.json()["code"] == "already_started"
    paid_by_card.refresh_from_db()
    assert paid_by_card.status == "confirmed"
    assert not Refund.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_member_sees_the_terms(client_as, role, paid_by_credits):
    answer = terms(client_as(role), paid_by_credits)

    expected = {"anonymous": 403, "member_ada": 200}.get(role, 404)
    assert answer.status_code == expected


@pytest.mark.parametrize("role", [role for role in ROLES if role != "member_ada"])
def test_others_cannot_cancel_late(client_as, role, paid_by_credits, member_ada):
    with ten_minutes_before(paid_by_credits):
        answer = cancel(client_as(role), paid_by_credits, late=True)

    assert answer.status_code == (403 if role == "anonymous" else 404)
    paid_by_credits.refresh_from_db()
    assert paid_by_credits.status == "confirmed"
    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 0


def test_the_late_refund_share_is_public_configuration(client_as, settings):
    settings.BILLING_LATE_CANCELLATION_REFUND_PERCENT = 130  # clamped like the refunds

    config = client_as("anonymous").get("/api/v1/billing/config/").json()

    assert config["late_cancellation_refund_percent"] == 100
