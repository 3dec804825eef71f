"""Reads of billing for the API, scoped to who asks (rows of others answer 404)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ostal.accounts.models import User
from ostal.billing.models import BillingNotice, Invoice, Payment


def payments_for_user(user: User) -> QuerySet[Payment]:
    return (Payment.objects.filter(payer=user)
            .select_related("seller_operator", "subscription").prefetch_related("refunds")
            .order_by("-created_at", "-id"))


def invoices_for_user(user: User) -> QuerySet[Invoice]:
    return (Invoice.objects.filter(buyer=user)
            .select_related("credited_invoice", "payment").prefetch_related("lines")
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
    invoices = (Invoice.objects.select_related("credited_invoice", "payment")
                .prefetch_related("lines").order_by("-issued_at", "-id"))
    scope = _seller_scope(user)
    return invoices if scope is None else invoices.filter(scope).distinct()


def notices_for_user(user: User) -> QuerySet[BillingNotice]:
    return BillingNotice.objects.filter(user=user).order_by("-created_at", "-id")


