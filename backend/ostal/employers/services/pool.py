"""The employer's credit pool as a means of payment: spending a booking's company share from it,
recording what the employer paid for, and giving the pool its credits back when a booking
closes. The checkout (`ostal.checkout`) decides when; this module knows the pool.

Locking order, the same everywhere: the booking, then the employment (serialises one
employee's allowance checks), then the employer's credit account (serialises every spend on
the pool, so concurrent bookings of many employees can never overspend it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from ostal.accounts.models import User
from ostal.bookings.models import Booking
from ostal.core.money import quantize
from ostal.employers.errors import EmployerError, EmployerErrorCode
from ostal.employers.models import EmployerBooking, Employment, Policy
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


def spent_value(spend: CreditSpend) -> Decimal:
    """What the spent credits cost the employer: each lot's price, pro rata."""
    lots = {lot.pk: lot for lot in CreditLot.objects.filter(
        pk__in=[entry.lot_id for entry in spend.entries])}
    total = sum((lots[e.lot_id].value * -e.delta / lots[e.lot_id].credit_units_granted
                 for e in spend.entries), Decimal(0))
    return quantize(total, "EUR")


def spend_from_bundle(*, employment: Employment, policy: Policy, booking: Booking,
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


def employer_booking_record(*, employment: Employment, booking: Booking, days: Decimal,
                            company_units: int, spend: CreditSpend, overage_units: int,
                            employee_units: int, employee_amount: Decimal) -> EmployerBooking:
    """What the employer paid for `booking` (its department, never its place): the usage and
    the month-end overage invoice read these rows."""
    return EmployerBooking.objects.create(
        employer=employment.employer, employment=employment,
        cost_centre_id=employment.cost_centre_id, booking=booking,
        local_date=booking.local_date, department_code=booking.space.department_code,
        days=days, company_units=company_units, company_amount=spent_value(spend),
        overage_units=overage_units, employee_units=employee_units,
        employee_amount=employee_amount)


def booking_paid_by_employer(booking: Booking) -> bool:
    """Whether an employer currently pays for `booking` (its credits spent and not released)."""
    return EmployerBooking.objects.filter(booking_id=booking.pk,
                                          status=EmployerBooking.Status.ACTIVE).exists()


def employer_booking_settle(booking: Booking, *, refund_percent: int
                            ) -> list[CreditLedgerEntry]:
    """A booking the employer paid for left the active set: the company's credits go back to
    the pool when the place's rules give everything back (`refund_percent` 100), else they are
    kept (a late cancellation or a no-show is a day used). Idempotent."""
    with transaction.atomic():
        employer_booking = (EmployerBooking.objects.select_for_update()
                            .filter(booking_id=booking.pk, status=EmployerBooking.Status.ACTIVE)
                            .first())
        if employer_booking is None:
            return []
        if refund_percent < 100:
            employer_booking.status = EmployerBooking.Status.KEPT
            employer_booking.save(update_fields=["status", "updated_at"])
            return []
        entries = credit_release(spend_operation_key=employer_spend_key(booking),
                                 release_operation_key=employer_release_key(booking),
                                 reason_type="booking", reason_id=str(booking.reference))
        employer_booking.status = EmployerBooking.Status.RELEASED
        employer_booking.save(update_fields=["status", "updated_at"])
    return entries
