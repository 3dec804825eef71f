"""Paying a booking from the employer's pool, with the employee's co-payment.

The policy decides first (`ostal.employers.services.policies`, the exact rule on refusal,
nothing written); the company's share of the credit cost comes from the pool
(`ostal.employers.services.pool`); the employee's share from their own credits or by card (their
share of the place's price, confirmed when the card payment succeeds, as any card payment).
Locking order: the booking, the employment, the pool's credit account.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ostal.accounts.models import User
from ostal.billing.errors import BillingError
from ostal.billing.models import Payment
from ostal.billing.pricing import (
    booking_credit_units,
    booking_description,
    booking_price,
    spend_key,
)
from ostal.billing.services.customers import customer_get_or_create, payment_method_ensure_owned
from ostal.billing.services.payments import PaymentStarted, payment_create, payment_start
from ostal.bookings.models import Booking
from ostal.bookings.services import booking_confirm_hold
from ostal.checkout.services.pay import ensure_payable
from ostal.core.money import quantize
from ostal.employers.errors import EmployerError, EmployerErrorCode
from ostal.employers.models import EmployerBooking, Employment
from ostal.employers.selectors import pool_units_available
from ostal.employers.services.policies import days_for, policy_check, policy_for
from ostal.employers.services.pool import (
    active_employment,
    company_units_for,
    employer_booking_record,
    spend_from_bundle,
)
from ostal.memberships.models import units_to_credits
from ostal.memberships.services.credits import CreditSpend, credit_spend


@dataclass(frozen=True)
class Eligibility:
    """What the booking screen shows before paying: would the employer pay, and if not the
    exact rule; the employee's share; whether they may pay personally instead."""

    refusal: EmployerError | None
    already_paid: bool
    may_pay_personally: bool
    company_share_percent: int
    employee_share_units: int
    employee_share_amount: Decimal | None
    currency: str


def employer_eligibility(*, booking: Booking, member: User,
                         now: dt.datetime | None = None) -> Eligibility:
    """The checks of `employer_booking_checkout`, without writing: the policy, then the pool
    (unless the overage is invoiced). NOT_AN_EMPLOYEE when no employer pays for `member`."""
    now = now or timezone.now()
    employment = active_employment(member)
    policy = policy_for(employment)
    units = booking_credit_units(booking)
    company_units = company_units_for(units, policy)
    try:
        price, currency = booking_price(booking)
        share_amount: Decimal | None = quantize(
            price * (100 - policy.company_share_percent) / 100, currency)
    except BillingError:
        share_amount, currency = None, "EUR"
    try:
        ensure_payable(booking)
        already_paid = False
    except BillingError:
        already_paid = True
    refusal: EmployerError | None = None
    try:
        policy_check(employment=employment, policy=policy, space=booking.space,
                     resource_kind=booking.resource_kind, local_date=booking.local_date,
                     days=days_for(part=booking.part, start=booking.start, end=booking.end))
        available = pool_units_available(employment.employer, now=now)
        if available < company_units and not policy.invoice_overage:
            raise EmployerError(EmployerErrorCode.BUNDLE_EXHAUSTED,
                                available=units_to_credits(available),
                                needed=units_to_credits(company_units))
    except EmployerError as error:
        refusal = error
    return Eligibility(refusal, already_paid, policy.may_pay_personally,
                       policy.company_share_percent, units - company_units, share_amount,
                       currency)


@dataclass(frozen=True)
class EmployerCheckout:
    booking: Booking
    employer_booking: EmployerBooking
    employee_spend: CreditSpend | None = None
    payment: PaymentStarted | None = None


def employer_booking_checkout(*, booking: Booking, member: User, employee_method: str = "",
                              payment_method: str = "", save_card: bool = False,
                              now: dt.datetime | None = None) -> EmployerCheckout:
    """Pay a held (or confirmed, unpaid) booking of `member` from their employer's bundle.

    The policy decides first (refusal: the exact rule, nothing written). The company's share
    of the credit cost comes from the pool; the employee's share (co-payment) from their own
    credits (`employee_method="credits"`) or by card (`"card"`, their share of the place's
    price: the booking is confirmed when the card payment succeeds, as any card payment)."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = (Booking.objects.select_for_update().select_related("space__operator")
                   .get(pk=booking.pk, member=member))
        ensure_payable(booking)
        employment = Employment.objects.select_for_update().select_related(
            "employer__credit_account").get(pk=active_employment(member).pk)
        policy = policy_for(employment)
        days = days_for(part=booking.part, start=booking.start, end=booking.end)
        policy_check(employment=employment, policy=policy, space=booking.space,
                     resource_kind=booking.resource_kind, local_date=booking.local_date,
                     days=days)
        units = booking_credit_units(booking)
        company_units = company_units_for(units, policy)
        employee_units = units - company_units
        if employee_units and employee_method not in ("credits", "card"):
            raise EmployerError(EmployerErrorCode.EMPLOYEE_SHARE_METHOD, fields={
                "employee_method": ["Crédits ou carte. / Credits or card."]})
        spend, overage = spend_from_bundle(employment=employment, policy=policy,
                                           booking=booking, units=company_units, now=now)
        employee_spend = None
        employee_amount = Decimal(0)
        if employee_units and employee_method == "credits":
            employee_spend = credit_spend(
                user=member, units=employee_units, space=booking.space, reason_type="booking",
                reason_id=str(booking.reference), operation_key=spend_key(booking), now=now)
        elif employee_units:
            price, currency = booking_price(booking)
            employee_amount = quantize(price * (100 - policy.company_share_percent) / 100,
                                       currency)
        employer_booking = employer_booking_record(
            employment=employment, booking=booking, days=days, company_units=company_units,
            spend=spend, overage_units=overage,
            employee_units=employee_units if employee_spend else 0,
            employee_amount=employee_amount)
        if booking.status == Booking.Status.HELD and not employee_amount:
            booking = booking_confirm_hold(booking=booking, now=now)
    started = None
    if employee_amount:
        started = _start_employee_card_payment(booking, member, employee_amount,
                                               payment_method=payment_method,
                                               save_card=save_card)
        booking.refresh_from_db()
    return EmployerCheckout(booking, employer_booking, employee_spend, started)


def _start_employee_card_payment(booking: Booking, member: User, amount: Decimal, *,
                                 payment_method: str, save_card: bool) -> PaymentStarted:
    if payment_method:
        customer = payment_method_ensure_owned(user=member, payment_method_id=payment_method)
    else:
        customer = customer_get_or_create(user=member)
    payment = payment_create(
        payer=member, purpose=Payment.Purpose.BOOKING, amount=amount, currency="EUR",
        seller_operator=booking.space.operator, booking=booking, save_card=save_card,
        description=f"Part salarié — {booking_description(booking)}")
    return payment_start(payment=payment, customer=customer, payment_method=payment_method)
