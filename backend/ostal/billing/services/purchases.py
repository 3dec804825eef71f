"""Buying a carnet (a place's, or network credits) by card."""

from __future__ import annotations

from ostal.accounts.models import User
from ostal.billing.models import Payment
from ostal.billing.services.customers import customer_get_or_create, payment_method_ensure_owned
from ostal.billing.services.payments import PaymentStarted, payment_create, payment_start
from ostal.memberships.models import Plan, units_to_credits
from ostal.memberships.services.plans import plan_ensure_available


def purchase_start(*, member: User, plan: Plan, payment_method: str = "",
                   save_card: bool = False) -> PaymentStarted:
    """Start paying for a carnet. With a saved card (`payment_method`) the payment is confirmed
    at once (3-D Secure may still be asked: `requires_action`); without one, the browser
    confirms it with Stripe.js and the returned client secret. Credits are granted, and the
    invoice issued, when the payment succeeds (ostal.billing.services.payments)."""
    plan_ensure_available(plan, recurring=False)
    if payment_method:
        customer = payment_method_ensure_owned(user=member, payment_method_id=payment_method)
    else:
        customer = customer_get_or_create(user=member)
    credits = units_to_credits(plan.credit_units or 0)
    where = plan.space.name if plan.space is not None else "réseau (Pass télétravail)"
    payment = payment_create(
        payer=member, purpose=Payment.Purpose.PLAN_PURCHASE, amount=plan.price,
        currency=plan.currency, seller_operator=plan.seller_operator, plan=plan,
        save_card=save_card,
        description=f"{plan.name} — {credits} crédits, {where}, "
                    f"valables {plan.validity_days} jours")
    return payment_start(payment=payment, customer=customer, payment_method=payment_method)
