"""Reads of the employers app: who sees which employer, usage reports, an employee's
allowance.

Usage is aggregated per employee, per cost centre and per department and month: never a
place, a date or a time (CNIL: an employer may not monitor where and when each employee
works; the department is the finest location shown)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from ostal.accounts.models import User
from ostal.billing.models import Invoice
from ostal.core.api.permissions import is_network_admin
from ostal.core.disclosure import Cell, merge_small
from ostal.employers.models import Employer, EmployerBooking, Employment, Policy
from ostal.employers.services.policies import Allowance, allowance_on, month_bounds, policy_for
from ostal.memberships.models import CreditLot, units_to_credits
from ostal.memberships.services.credits import lots_with_balance


def employers_for(user: User) -> QuerySet[Employer]:
    """Employers `user` administers (every employer for a network admin)."""
    if not user.is_authenticated:
        return Employer.objects.none()
    if is_network_admin(user):
        return Employer.objects.all()
    return Employer.objects.filter(admins=user)


def pool_balance(employer: Employer, *, now: dt.datetime) -> dict[str, Any]:
    """The bundle: credits usable now, and the lots with their expiry."""
    lots = list(lots_with_balance(employer.credit_account)
                .filter(expires_at__gt=now, valid_from__lte=now, balance__gt=0)
                .order_by("expires_at", "id"))
    return {"credits": units_to_credits(sum(lot.balance for lot in lots)),
            "lots": [{"credits": units_to_credits(lot.balance),
                      "granted": units_to_credits(lot.credit_units_granted),
                      "expires_at": lot.expires_at} for lot in lots]}


def pool_units_available(employer: Employer, *, now: dt.datetime) -> int:
    total = (lots_with_balance(employer.credit_account)
             .filter(scope=CreditLot.Scope.NETWORK, expires_at__gt=now, valid_from__lte=now,
                     balance__gt=0)
             .aggregate(total=Coalesce(Sum("balance"), 0)))["total"]
    return int(total)


def _month_rows(employer: Employer, month: dt.date) -> QuerySet[EmployerBooking]:
    first, last = month_bounds(month)
    return (EmployerBooking.objects
            .filter(employer=employer, local_date__range=(first, last))
            .exclude(status=EmployerBooking.Status.RELEASED))


_TOTALS = {"days": Coalesce(Sum("days"), Decimal(0)),
           "company_units": Coalesce(Sum("company_units"), 0),
           "overage_units": Coalesce(Sum("overage_units"), 0),
           "company_amount": Coalesce(Sum("company_amount"), Decimal(0)),
           "employee_amount": Coalesce(Sum("employee_amount"), Decimal(0)),
           "employee_units": Coalesce(Sum("employee_units"), 0),
           "bookings": Count("id")}


def _as_report(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "credits": units_to_credits(row.pop("company_units")),
            "overage_credits": units_to_credits(row.pop("overage_units")),
            "employee_credits": units_to_credits(row.pop("employee_units"))}


def usage_by_employee(employer: Employer, month: dt.date) -> list[dict[str, Any]]:
    """One row per employee who used the bundle in `month` (and every active employee, with
    zeros, so an admin sees who did not): days, credits, cost."""
    used = {row["employment_id"]: row for row in _month_rows(employer, month)
            .values("employment_id").annotate(**_TOTALS).order_by()}
    employments = (Employment.objects.filter(employer=employer)
                   .filter(Q(status=Employment.Status.ACTIVE) | Q(pk__in=used.keys()))
                   .select_related("user", "cost_centre").order_by("email"))
    zero = {"days": Decimal(0), "company_units": 0, "overage_units": 0,
            "company_amount": Decimal(0), "employee_amount": Decimal(0), "employee_units": 0,
            "bookings": 0}
    rows = []
    for employment in employments:
        user = employment.user
        name = (f"{user.first_name} {user.last_name}".strip() if user else "") or employment.email
        totals = {key: value for key, value in used.get(employment.pk, zero).items()
                  if key != "employment_id"}
        rows.append(_as_report({
            "employment_id": employment.pk, "name": name, "email": employment.email,
            "status": employment.status,
            "cost_centre": employment.cost_centre.name if employment.cost_centre else "",
            **totals}))
    return rows


_FIGURES = ("days", "company_units", "overage_units", "company_amount", "employee_amount",
            "employee_units", "bookings")


def _usage_groups(employer: Employer, month: dt.date, field: str, label: str
                  ) -> list[dict[str, Any]]:
    """Usage per `field` (cost centre or department) for `month`: a group of fewer than 5
    employees is never shown alone; small groups are merged into « autres », grown with the
    smallest shown group until it covers 5 (complementary suppression: the month's total minus
    the shown rows is « autres », never one person). Issue 22."""
    cells: dict[str, Cell] = {}
    for row in (_month_rows(employer, month).values(field, "employment_id")
                .annotate(**_TOTALS).order_by(field, "employment_id")):
        key = row[field] or ""
        cell = cells.setdefault(key, Cell(key, values=dict.fromkeys(_FIGURES, 0)))
        cell.people.add(row["employment_id"])
        for name in _FIGURES:
            cell.values[name] += row[name]
    rows = []
    for cell in merge_small(cells[key] for key in sorted(cells)):
        values = {**cell.values, "days": Decimal(cell.values["days"]),
                  "company_amount": Decimal(cell.values["company_amount"]),
                  "employee_amount": Decimal(cell.values["employee_amount"])}
        rows.append(_as_report({label: cell.key, "employees": len(cell.people), **values}))
    return rows


def usage_by_cost_centre(employer: Employer, month: dt.date) -> list[dict[str, Any]]:
    return _usage_groups(employer, month, "cost_centre__name", "cost_centre")


def usage_by_department(employer: Employer, month: dt.date) -> list[dict[str, Any]]:
    return _usage_groups(employer, month, "department_code", "department_code")


@dataclass(frozen=True)
class EmployeeAllowance:
    employment: Employment
    policy: Policy
    week: Allowance
    month: Allowance
    pool_credits: Decimal

    @property
    def bundle_available(self) -> bool:
        """Whether the employer can pay right now: credits in the pool, or overage invoiced."""
        return self.pool_credits > 0 or self.policy.invoice_overage


def employee_allowance(user: User, *, today: dt.date, now: dt.datetime
                       ) -> EmployeeAllowance | None:
    """What the employee's employer pays for, and what is left this week and this month."""
    employment = (Employment.objects.select_related("employer__credit_account", "cost_centre")
                  .filter(user=user, status=Employment.Status.ACTIVE).first())
    if employment is None:
        return None
    policy = policy_for(employment)
    week, month = allowance_on(employment, policy, today)
    pool = units_to_credits(pool_units_available(employment.employer, now=now))
    return EmployeeAllowance(employment, policy, week, month, pool)


def invoices_for_employer(employer: Employer) -> QuerySet[Invoice]:
    """Every document issued to the employer: bundle invoices (card or transfer), month-end
    overage invoices, and their credit notes; lines loaded with them (one query each)."""
    keys = [f"bundle-order:{ref}" for ref in employer.orders.values_list("reference", flat=True)]
    keys += [f"payment:{ref}" for ref in employer.orders.exclude(payment_reference=None)
             .values_list("payment_reference", flat=True)]
    own = Q(source_key__in=keys) | Q(source_key__startswith=f"employer-overage:{employer.pk}:")
    return (Invoice.objects.filter(own | Q(credited_invoice__in=Invoice.objects.filter(own)))
            .select_related("credited_invoice", "payment", "transmission")
            .prefetch_related("lines")
            .order_by("-issued_at", "-id"))
