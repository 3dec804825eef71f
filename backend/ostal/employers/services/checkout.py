"""Paying for a booking from the employer's bundle (with the employee's co-payment), and what
closing such a booking gives back.

Locking order, the same everywhere: the booking, then the employment (serialises one
employee's allowance checks), then the employer's credit account (serialises every spend on
the pool, so concurrent bookings of many employees can never overspend it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ostal.accounts.models import User
from ostal.billing.errors import BillingError
from ostal.billing.models import Payment
from ostal.billing.services.bookings import (
    booking_credit_units,
    booking_description,
    booking_price,
    ensure_payable,
    refund_share,
    spend_key,
)
from ostal.billing.services.customers import customer_get_or_create, payment_method_ensure_owned
from ostal.billing.services.payments import PaymentStarted, payment_create, payment_start
from ostal.bookings.models import Booking
from ostal.core.money import quantize
from ostal.employers.errors import EmployerError, EmployerErrorCode
from ostal.employers.models import EmployerBooking, Employment, Policy
from ostal.employers.services.policies import days_for, policy_check, policy_for
from ostal.memberships.errors import MembershipError, MembershipErrorCode
from ostal.memberships.models import (
    CREDIT_UNITS_PER_CREDIT,
    CreditLedgerEntry,
    CreditLot,
    units_to_credits,
)
from ostal.memberships.services.credits import (
    CreditSpend,
    credit_grant,
    credit_release,
    credit_spend,
)


def employer_spend_key(booking: Booking) -> str:
    return f"booking:{booking.reference}:employer"


def employer_release_key(booking: Booking) -> str:
    return f"booking:{booking.reference}:employer-release"


def active_employment(user: User) -> Employment:
    employment = (Employment.objects.select_related("employer__credit_account")
                  .filter(user=user, status=Employment.Status.ACTIVE).first())
    if employment is None:
        raise EmployerError(EmployerErrorCode.NOT_AN_EMPLOYEE)
    return employment


def company_units_for(units: int, policy: Policy) -> int:
    """The company's share of a booking's credit units, rounded half up (the employee's share
    is the rest)."""
    return (units * policy.company_share_percent + 50) // 100


def _spent_value(spend: CreditSpend) -> Decimal:
    """What the spent credits cost the employer: each lot's price, pro rata."""
    lots = {lot.pk: lot for lot in CreditLot.objects.filter(
        pk__in=[entry.lot_id for entry in spend.entries])}
    total = sum((lots[e.lot_id].value * -e.delta / lots[e.lot_id].credit_units_granted
                 for e in spend.entries), Decimal(0))
    return quantize(total, "EUR")


def _spend_from_bundle(*, employment: Employment, policy: Policy, booking: Booking,
                       units: int, now: dt.datetime) -> tuple[CreditSpend, int]:
    """Spend the company's share from the pool; with "invoice the overage", what the pool
    lacks is first granted as credits bought after the fact (invoiced at month end).
    Returns the spend and the overage units."""
    account = employment.employer.credit_account
    common = {"user": None, "account": account, "space": booking.space,
              "reason_type": "booking", "reason_id": str(booking.reference),
              "operation_key": employer_spend_key(booking), "now": now}
    try:
        return credit_spend(units=units, **common), 0  # type: ignore[arg-type]
    except MembershipError as error:
        if error.error_code != MembershipErrorCode.INSUFFICIENT_CREDITS:
            raise
        available = int(Decimal(str(error.params["available"])) * CREDIT_UNITS_PER_CREDIT)
        if not policy.invoice_overage:
            raise EmployerError(EmployerErrorCode.BUNDLE_EXHAUSTED,
                                available=error.params["available"],
                                needed=error.params["needed"]) from error
    overage = units - available
    credit_grant(
        user=None, account=account, units=overage, scope=CreditLot.Scope.NETWORK, space=None,
        valid_from=now, expires_at=now + dt.timedelta(days=365),
        source=CreditLot.Source.PURCHASE, source_key=f"overage:{booking.reference}",
        vat_treatment=CreditLot.VatTreatment.MULTI_PURPOSE,
        value=quantize(units_to_credits(overage) * settings.EMPLOYERS_OVERAGE_CREDIT_PRICE,
                       "EUR"))
    return credit_spend(units=units, **common), overage  # type: ignore[arg-type]


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
    from ostal.employers.selectors import pool_units_available

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
    from ostal.bookings.services import booking_confirm_hold

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
        spend, overage = _spend_from_bundle(employment=employment, policy=policy,
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
        employer_booking = EmployerBooking.objects.create(
            employer=employment.employer, employment=employment,
            cost_centre_id=employment.cost_centre_id, booking=booking,
            local_date=booking.local_date, department_code=booking.space.department_code,
            days=days, company_units=company_units, company_amount=_spent_value(spend),
            overage_units=overage, employee_units=employee_units if employee_spend else 0,
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


def employer_booking_closed(booking: Booking) -> list[CreditLedgerEntry]:
    """A booking the employer paid for left the active set: the company's credits go back to
    the pool when the place's rules give credits back (`refund_share` 100), else they are
    kept (a late cancellation or a no-show is a day used). Idempotent."""
    with transaction.atomic():
        employer_booking = (EmployerBooking.objects.select_for_update()
                            .filter(booking_id=booking.pk, status=EmployerBooking.Status.ACTIVE)
                            .first())
        if employer_booking is None:
            return []
        # A booking waiting for the employee's card share was never confirmed: all goes back.
        never_confirmed = employer_booking.employee_amount > 0 and not booking.payments.filter(
            status__in=Payment.PAID_STATUSES).exists()
        if refund_share(booking) < 100 and not never_confirmed:
            employer_booking.status = EmployerBooking.Status.KEPT
            employer_booking.save(update_fields=["status", "updated_at"])
            return []
        entries = credit_release(spend_operation_key=employer_spend_key(booking),
                                 release_operation_key=employer_release_key(booking),
                                 reason_type="booking", reason_id=str(booking.reference))
        employer_booking.status = EmployerBooking.Status.RELEASED
        employer_booking.save(update_fields=["status", "updated_at"])
    return entries
