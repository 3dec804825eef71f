"""Credits about to expire, a plan about to renew, billing notices: queued where the change
happens, re-checked when due."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from ostal.billing.models import BillingNotice
from ostal.billing.services.payments import notice, payment_create
from ostal.memberships.models import Subscription
from ostal.memberships.services import plans as membership
from ostal.memberships.services.credits import credit_spend
from ostal.notifications.models import Kind, Notification
from tests.backend.billing.factories import NetworkCarnetFactory, NetworkPassMonthlyFactory
from tests.backend.notifications.conftest import NOW, dispatch
from tests.factories.bookings import paris

pytestmark = pytest.mark.django_db


def test_credits_expiring_is_queued_a_week_before_and_sent_only_if_some_are_left(
        ada, figeac, travel):
    plan = NetworkCarnetFactory(validity_days=30)
    lot = membership.carnet_grant(user=ada, plan=plan, source_key="payment:1",
                                  value=Decimal("150.00"))
    row = Notification.objects.get(kind=Kind.CREDITS_EXPIRING)
    assert row.send_after == lot.expires_at - dt.timedelta(days=7)
    assert lot.expires_at == NOW.astimezone(dt.UTC) + dt.timedelta(days=30)

    travel(row.send_after + dt.timedelta(minutes=1))
    assert dispatch().sent == 1
    message = mail.outbox[-1]
    assert message.subject == "Vos crédits expirent le 19 avril 2026"
    assert "Il vous reste 10,00 crédit(s) Pass télétravail" in message.body.replace(
        "10.00", "10,00")
    assert "List-Unsubscribe" in message.extra_headers


def test_credits_all_spent_are_not_announced(ada, figeac, travel):
    figeac.accepts_network_pass = True
    figeac.save()
    plan = NetworkCarnetFactory(validity_days=30, credit_units=100)
    membership.carnet_grant(user=ada, plan=plan, source_key="payment:2", value=Decimal("15"))
    credit_spend(user=ada, units=100, space=figeac, reason_type="test", reason_id="1",
                 operation_key="spend:1")
    row = Notification.objects.get(kind=Kind.CREDITS_EXPIRING)

    travel(row.send_after)
    dispatch()

    row.refresh_from_db()
    assert (row.status, row.last_error) == ("cancelled", "no credits left")


def test_renewal_upcoming_is_queued_when_a_period_is_paid_and_dropped_if_cancelled(
        grace, travel):
    plan = NetworkPassMonthlyFactory(name="Pass mensuel")
    sub = membership.subscription_start(member=grace, plan=plan)
    period_end = paris(2026, 4, 20, 10)
    membership.subscription_period_paid(subscription=sub, period_start=NOW,
                                        period_end=period_end, value=Decimal("96.00"),
                                        source_key="in_1")
    row = Notification.objects.get(kind=Kind.RENEWAL_UPCOMING)
    assert row.send_after == period_end - dt.timedelta(days=3)

    travel(row.send_after)
    dispatch()
    message = mail.outbox[-1]
    assert message.subject == "Your Pass mensuel plan renews on 20 April"
    assert "€96.00 will be charged" in message.body

    # The next period: cancelled at period end before the notice is due → not sent.
    membership.subscription_period_paid(subscription=sub, period_start=period_end,
                                        period_end=paris(2026, 5, 20, 10),
                                        value=Decimal("96.00"), source_key="in_2")
    Subscription.objects.filter(pk=sub.pk).update(cancel_at_period_end=True)
    later = Notification.objects.filter(kind=Kind.RENEWAL_UPCOMING).latest("send_after")
    travel(later.send_after)
    dispatch()
    later.refresh_from_db()
    assert later.status == "cancelled"


def test_a_failed_payment_notice_is_mailed_once_a_dispute_is_not(ada, figeac):
    payment = payment_create(payer=ada, purpose="booking", amount=Decimal("24.00"),
                             currency="EUR", description="Poste — La Fabrique, 23/03/2026",
                             seller_operator=figeac.operator)
    for _ in range(2):  # a replayed webhook
        notice(BillingNotice.Kind.PAYMENT_FAILED, user=ada, payment=payment,
               dedupe_key=f"payment_failed:{payment.reference}:card_declined",
               data={"message": "Votre carte a été refusée."})
    notice(BillingNotice.Kind.DISPUTE_OPENED, user=ada, payment=payment,
           dedupe_key="dispute_opened:dp_1")

    assert dispatch().sent == 1
    message, = mail.outbox
    assert message.subject == "Paiement refusé"
    assert "« Poste — La Fabrique, 23/03/2026 » de 24,00\u00a0€ a été refusé" in message.body
    assert "ne peut pas être désactivé" in message.body
