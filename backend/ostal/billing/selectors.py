"""Reads of billing for the API, scoped to who asks (rows of others answer 404)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ostal.accounts.models import User
from ostal.billing.models import (
    BillingNotice,
    EInvoiceTransmission,
    Invoice,
    Payment,
    ReconciliationIssue,
    Settlement,
)
from ostal.spaces.models import Operator


def payments_for_user(user: User) -> QuerySet[Payment]:
    return (Payment.objects.filter(payer=user)
            .select_related("seller_operator", "subscription").prefetch_related("refunds")
            .order_by("-created_at", "-id"))


def invoices_for_user(user: User) -> QuerySet[Invoice]:
    return (Invoice.objects.filter(buyer=user)
            .select_related("credited_invoice", "payment", "transmission")
            .prefetch_related("lines")
            .order_by("-issued_at", "-id"))


def _seller_scope(user: User) -> Q | None:
    """None: everything (network admin); else the operators the user manages."""
    if getattr(user, "is_network_admin", False):
        return None
    return Q(seller_operator__managers=user)


def payments_for_manager(user: User) -> QuerySet[Payment]:
    payments = (Payment.objects.select_related("seller_operator", "subscription")
                .prefetch_related("refunds").order_by("-created_at", "-id"))
    scope = _seller_scope(user)
    return payments if scope is None else payments.filter(scope).distinct()


def invoices_for_manager(user: User) -> QuerySet[Invoice]:
    invoices = (Invoice.objects.select_related("credited_invoice", "payment", "transmission")
                .prefetch_related("lines").order_by("-issued_at", "-id"))
    scope = _seller_scope(user)
    return invoices if scope is None else invoices.filter(scope).distinct()


def notices_for_user(user: User) -> QuerySet[BillingNotice]:
    return BillingNotice.objects.filter(user=user).order_by("-created_at", "-id")




def reconciliation_issues_for_admin(*, status: str = "",
                                    kind: str = "") -> QuerySet[ReconciliationIssue]:
    """Differences found by reconciliation, newest first, for the network admin (the view
    checks the role). Optional filters by status and kind."""
    issues = (ReconciliationIssue.objects.select_related("payment__seller_operator",
                                                         "resolved_by")
              .order_by("-first_seen_at", "-id"))
    if status:
        issues = issues.filter(status=status)
    if kind:
        issues = issues.filter(kind=kind)
    return issues


def settlements_for_manager(user: User, *, operator_id: int | None = None,
                            year: int | None = None) -> QuerySet[Settlement]:
    """Monthly statements: every operator's for a network admin, else only those of the
    operators the user manages (others' rows are simply absent: 404 on download)."""
    settlements = Settlement.objects.select_related("operator").order_by(
        "-year", "-month", "operator__name", "id")
    if not getattr(user, "is_network_admin", False):
        settlements = settlements.filter(operator__managers=user).distinct()
    if operator_id is not None:
        settlements = settlements.filter(operator_id=operator_id)
    if year is not None:
        settlements = settlements.filter(year=year)
    return settlements


def operators_for_einvoicing(user: User) -> QuerySet[Operator]:
    """The operators whose e-invoicing settings `user` manages: all for the network."""
    operators = Operator.objects.order_by("name")
    return operators if user.is_network_admin else operators.filter(managers=user)


def einvoices_for_manager(user: User, *, operator_id: int | None = None, status: str = "",
                          lifecycle: str = "") -> QuerySet[EInvoiceTransmission]:
    """Transmitted (or queued) e-invoices of the operators `user` manages, newest first, with
    their statuses (two queries whatever the number of rows). Network admins also see the
    network's own documents (`operator_id` 0)."""
    rows = (EInvoiceTransmission.objects.select_related("invoice")
            .prefetch_related("statuses").order_by("-created_at", "-id"))
    if not user.is_network_admin:
        rows = rows.filter(invoice__seller_operator__managers=user)
    if operator_id == 0:
        rows = rows.filter(invoice__seller_operator__isnull=True)
    elif operator_id is not None:
        rows = rows.filter(invoice__seller_operator_id=operator_id)
    if status:
        rows = rows.filter(status=status)
    if lifecycle:
        rows = rows.filter(lifecycle=lifecycle)
    return rows
