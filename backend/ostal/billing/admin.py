"""Billing in the admin: read-only for everyone (invoices are immutable; money moves through
services, never through admin forms). Network admins only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ostal.billing.models import (
    BillingNotice,
    Dispute,
    Invoice,
    InvoiceLine,
    Payment,
    ReconciliationIssue,
    ReconciliationRun,
    Refund,
    Settlement,
    SettlementLine,
    StripeEvent,
)
from ostal.billing.services.reconciliation import reconciliation_issue_resolve
from ostal.billing.settlements import settlement_close
from ostal.core.api.permissions import is_network_admin


class ReadOnlyNetworkAdmin(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_network_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_network_admin(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyNetworkAdmin):
    list_display = ("number", "doc_type", "seller_key", "buyer", "issued_at", "total_gross")
    list_filter = ("doc_type", "seller_key", "year")
    search_fields = ("number", "buyer__email")
    inlines = (InvoiceLineInline,)


@admin.register(Payment)
class PaymentAdmin(ReadOnlyNetworkAdmin):
    list_display = ("reference", "purpose", "payer", "amount", "currency", "status",
                    "created_at")
    list_filter = ("status", "purpose")
    search_fields = ("reference", "payer__email")


@admin.register(Refund)
class RefundAdmin(ReadOnlyNetworkAdmin):
    list_display = ("reference", "payment", "amount", "status", "reason", "created_at")


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyNetworkAdmin):
    list_display = ("stripe_id", "payment", "amount", "status", "reason")


@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyNetworkAdmin):
    list_display = ("stripe_event_id", "type", "status", "attempts", "received_at")
    list_filter = ("status", "type")
    search_fields = ("stripe_event_id",)


@admin.register(BillingNotice)
class BillingNoticeAdmin(ReadOnlyNetworkAdmin):
    list_display = ("kind", "user", "created_at", "sent_at")
    list_filter = ("kind",)


# --- Reconciliation and settlements (ostal.billing.services.reconciliation, .settlements) ---

@admin.register(ReconciliationIssue)
class ReconciliationIssueAdmin(ReadOnlyNetworkAdmin):
    """Differences with Stripe to review; "resolve" records who closed them (the fix itself is
    done where it belongs: a refund, a Stripe action, a note to the accountant)."""

    list_display = ("kind", "stripe_id", "payment", "status", "first_seen_at", "last_seen_at")
    list_filter = ("status", "kind")
    search_fields = ("stripe_id",)
    actions = ("resolve",)

    @admin.action(description="Marquer comme résolu / Mark as resolved")
    def resolve(self, request: HttpRequest, queryset: Any) -> None:
        for issue in queryset:
            reconciliation_issue_resolve(issue=issue, actor=request.user,
                                         note="résolu depuis l'administration")


@admin.register(ReconciliationRun)
class ReconciliationRunAdmin(ReadOnlyNetworkAdmin):
    list_display = ("started_at", "status", "finished_at", "stats")


class SettlementLineInline(admin.TabularInline):
    model = SettlementLine
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Settlement)
class SettlementAdmin(ReadOnlyNetworkAdmin):
    list_display = ("operator", "year", "month", "status", "amount_due", "generated_at",
                    "closed_at")
    list_filter = ("status", "year", "month")
    inlines = (SettlementLineInline,)
    actions = ("close",)

    @admin.action(description="Clore / Close")
    def close(self, request: HttpRequest, queryset: Any) -> None:
        for settlement in queryset.order_by("year", "month"):
            settlement_close(settlement=settlement)
