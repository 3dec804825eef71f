"""Paying a booking with credits or by card; what a cancellation gives back."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ostal.billing.models import Invoice, Payment, Refund
from ostal.billing.services.payments import refund_execute
from ostal.bookings.models import Booking
from ostal.checkout.services.settle import credits_refund_for_booking, payment_refund_for_booking
from ostal.memberships.models import CreditLedgerEntry, Plan, Subscription
from ostal.memberships.selectors import wallet_get
from ostal.memberships.services.credits import credit_grant
from tests.backend.billing.helpers import CARD_DECLINED_ON_CHARGE, save_card
from tests.factories import PriceFactory, ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_booking(space_cy, member_ada):
    desk = ResourceFactory(space=space_cy, kind="desk")
    PriceFactory(space=space_cy, resource_kind="desk", unit="day", amount=Decimal("18.00"))
    start = timezone.now().replace(hour=8, minute=0, second=0, microsecond=0) + dt.timedelta(
        days=3)
    return Booking.objects.create(
        space=space_cy, resource=desk, resource_kind="desk", member=member_ada,
        status=Booking.Status.HELD, start=start, end=start + dt.timedelta(hours=9),
        local_date=start.date(), part="day",
        expires_at=timezone.now() + dt.timedelta(minutes=15))


def network_credits(user, units):
    now = timezone.now()
    return credit_grant(user=user, units=units, scope="network", space=None,
                        valid_from=now - dt.timedelta(days=1),
                        expires_at=now + dt.timedelta(days=30), source="purchase",
                        source_key=f"test:{units}", vat_treatment="multi_purpose")


def checkout(client, booking, **body):
    return client.post(f"/api/v1/billing/bookings/{booking.pk}/checkout/", body, format="json")


def test_quote_shows_price_credits_and_balance(client_as, member_ada, held_booking):
    network_credits(member_ada, 250)

    quote = client_as("member_ada").get(f"/api/v1/billing/bookings/{held_booking.pk}/quote/")

    assert quote.json() == {"amount": "18.00", "is_member_price": False, "currency": "EUR",
                            "credits": "1.00",
                            "covered_by_subscription": False, "credits_available": "2.50"}


def test_paying_with_credits_spends_them_and_confirms(client_as, member_ada, held_booking):
    network_credits(member_ada, 250)
    client = client_as("member_ada")

    answer = checkout(client, held_booking, method="credits")
    again = checkout(client, held_booking, method="credits")

    assert answer.status_code == 200, answer.content
    assert answer.json()["booking_status"] == "confirmed"
    assert answer.json()["credits_spent"] == "1.00"
    assert answer.json()["method"] == "credits"
    assert again.status_code == 409
    assert again.json()["code"] == "booking_already_paid"
    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 150


def test_not_enough_credits_changes_nothing(client_as, member_ada, held_booking):
    network_credits(member_ada, 50)

    answer = checkout(client_as("member_ada"), held_booking, method="credits")

    assert answer.status_code == 409
    assert answer.json()["code"] == "insufficient_credits"
    held_booking.refresh_from_db()
    assert held_booking.status == "held"
    assert not CreditLedgerEntry.objects.filter(kind="spend").exists()


def test_an_expired_hold_cannot_be_paid_and_keeps_the_credits(client_as, member_ada,
                                                               held_booking):
    network_credits(member_ada, 250)
    Booking.objects.filter(pk=held_booking.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1))

    answer = checkout(client_as("member_ada"), held_booking, method="credits")

    assert answer.status_code == 409
    assert answer.json()["code"] == "hold_expired"
    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 250


def test_an_unlimited_plan_covers_desks_without_spending(client_as, member_ada, held_booking):
    plan = Plan.objects.create(space=held_booking.space, kind="place_unlimited",
                               name="Illimité", price=Decimal("150.00"))
    now = timezone.now()
    Subscription.objects.create(member=member_ada, plan=plan, status="active",
                                current_period_start=now - dt.timedelta(days=1),
                                current_period_end=now + dt.timedelta(days=29))

    answer = checkout(client_as("member_ada"), held_booking, method="credits")

    assert answer.json()["method"] == "subscription"
    assert answer.json()["booking_status"] == "confirmed"


def test_card_payment_confirms_the_booking_and_invoices_for_the_operator(
        stripe_api, client_as, member_ada, held_booking):
    client = client_as("member_ada")

    answer = checkout(client, held_booking, method="card",
                      payment_method=save_card(client, stripe_api.url))

    assert answer.status_code == 200, answer.content
    assert answer.json()["booking_status"] == "confirmed"
    assert answer.json()["payment"]["payment"]["status"] == "succeeded"
    invoice = Invoice.objects.get()
    assert invoice.seller_operator_id == held_booking.space.operator_id
    assert (invoice.total_net, invoice.total_vat) == (Decimal("15.00"), Decimal("3.00"))
    assert invoice.service_date == held_booking.local_date


def test_declined_card_releases_the_held_slot(stripe_api, client_as, member_ada, held_booking):
    client = client_as("member_ada")

    answer = checkout(client, held_booking, method="card",
                      payment_method=save_card(client, stripe_api.url, CARD_DECLINED_ON_CHARGE))

    assert answer.json()["payment"]["payment"]["status"] == "failed"
    held_booking.refresh_from_db()
    assert held_booking.status == "cancelled"
    assert not Invoice.objects.exists()


def test_payment_after_the_hold_was_released_is_refunded(stripe_api, client_as, member_ada,
                                                          held_booking):
    """The race the hold exists for: the card succeeds after the booking was released."""
    from ostal.billing.services.payments import payment_apply_intent, payment_intent_id
    from ostal.billing.stripe.gateway import get_gateway
    from tests.backend.billing.helpers import CARD_3DS

    client = client_as("member_ada")
    started = checkout(client, held_booking, method="card",
                       payment_method=save_card(client, stripe_api.url, CARD_3DS)).json()
    payment = Payment.objects.get()
    Booking.objects.filter(pk=held_booking.pk).update(status="expired")
    stripe_api.authenticate_3ds(payment_intent_id(payment),
                                client_secret=started["payment"]["client_secret"], success=True)
    intent = get_gateway().retrieve_payment_intent(payment_intent_id(payment))

    payment_apply_intent(payment=payment, intent=intent)
    refund_execute(refund=Refund.objects.get())

    payment.refresh_from_db()
    assert payment.status == "refunded"
    assert payment.amount_refunded == Decimal("18.00")
    assert not Invoice.objects.exists()


def _cancel(booking, by, minutes_before_start):
    Booking.objects.filter(pk=booking.pk).update(
        status="cancelled", cancelled_by=by,
        cancelled_at=booking.start - dt.timedelta(minutes=minutes_before_start))
    booking.refresh_from_db()
    return booking


def test_timely_cancellation_gives_credits_back_once(client_as, member_ada, held_booking):
    network_credits(member_ada, 100)
    checkout(client_as("member_ada"), held_booking, method="credits")
    booking = _cancel(held_booking, member_ada, minutes_before_start=24 * 60)

    credits_refund_for_booking(booking)
    credits_refund_for_booking(booking)

    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 100
    assert CreditLedgerEntry.objects.filter(kind="release").count() == 1


def test_late_cancellation_and_no_show_keep_the_credits(client_as, member_ada, held_booking):
    network_credits(member_ada, 100)
    checkout(client_as("member_ada"), held_booking, method="credits")

    late = _cancel(held_booking, member_ada, minutes_before_start=10)  # deadline: 60 min
    assert credits_refund_for_booking(late) == []
    Booking.objects.filter(pk=held_booking.pk).update(status="no_show")
    held_booking.refresh_from_db()
    assert credits_refund_for_booking(held_booking) == []
    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 0


def test_a_place_cancelling_late_still_gives_everything_back(client_as, member_ada, manager_cy,
                                                             held_booking):
    network_credits(member_ada, 100)
    checkout(client_as("member_ada"), held_booking, method="credits")

    booking = _cancel(held_booking, manager_cy, minutes_before_start=5)

    assert len(credits_refund_for_booking(booking)) == 1
    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 100


def test_timely_cancellation_refunds_the_card_with_a_credit_note(
        stripe_api, client_as, member_ada, held_booking):
    client = client_as("member_ada")
    checkout(client, held_booking, method="card", payment_method=save_card(client,
                                                                           stripe_api.url))
    booking = _cancel(held_booking, member_ada, minutes_before_start=24 * 60)

    refund = payment_refund_for_booking(booking)
    assert payment_refund_for_booking(booking).pk == refund.pk  # idempotent
    refund_execute(refund=refund)

    payment = Payment.objects.get()
    assert payment.status == "refunded"
    assert payment.amount_refunded == Decimal("18.00")
    note = Invoice.objects.get(doc_type="credit_note")
    assert note.total_gross == Decimal("18.00")
    assert note.credited_invoice.payment == payment


def test_late_cancellation_refunds_the_configured_share(stripe_api, client_as, member_ada,
                                                        held_booking, settings):
    settings.BILLING_LATE_CANCELLATION_REFUND_PERCENT = 50
    client = client_as("member_ada")
    checkout(client, held_booking, method="card", payment_method=save_card(client,
                                                                           stripe_api.url))
    refund = payment_refund_for_booking(_cancel(held_booking, member_ada, 10))
    refund_execute(refund=refund)

    assert Payment.objects.get().status == "partially_refunded"
    assert refund.amount == Decimal("9.00")
    note = Invoice.objects.get(doc_type="credit_note")
    assert (note.total_net, note.total_vat) == (Decimal("7.50"), Decimal("1.50"))


def test_an_unpaid_card_payment_is_cancelled_when_the_hold_expires(
        stripe_api, client_as, member_ada, held_booking):
    from ostal.billing.services.payments import payment_cancel
    from tests.backend.billing.helpers import CARD_3DS

    client = client_as("member_ada")
    checkout(client, held_booking, method="card",
             payment_method=save_card(client, stripe_api.url, CARD_3DS))
    Booking.objects.filter(pk=held_booking.pk).update(status="expired")
    held_booking.refresh_from_db()

    assert payment_refund_for_booking(held_booking) is None
    payment_cancel(payment=Payment.objects.get())

    assert Payment.objects.get().status == "cancelled"


def test_cancelling_through_the_api_gives_the_credits_back(client_as, member_ada, space_cy):
    ResourceFactory(space=space_cy, kind="desk")
    network_credits(member_ada, 100)
    client = client_as("member_ada")
    day = timezone.localdate() + dt.timedelta(days=7)
    while day.weekday() > 4:  # the factory's places open Monday to Friday
        day += dt.timedelta(days=1)
    booked = client.post("/api/v1/bookings/", {"space": space_cy.slug, "kind": "desk",
                                               "date": day.isoformat(), "part": "day"},
                         format="json")
    assert booked.status_code == 201, booked.content
    booking_id = booked.json()["id"]
    paid = checkout(client, Booking.objects.get(pk=booking_id), method="credits")
    assert paid.status_code == 200, paid.content
    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 0

    cancelled = client.post(f"/api/v1/bookings/{booking_id}/cancel/")

    assert cancelled.status_code == 200, cancelled.content
    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 100
