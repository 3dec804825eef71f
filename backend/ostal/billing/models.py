"""Billing: buyers' identities, payments, refunds, disputes, invoices and Stripe's traces.

- `Payment` moves only along `Payment.TRANSITIONS` (ostal.billing.services.payments).
- Every Stripe id lives in `StripeObjectRef` (UNIQUE stripe_id), never on domain rows: moving to
  Stripe Connect or another provider changes the gateway and this table, not the domain.
- `StripeEvent` stores each webhook raw, once per event id (UNIQUE), with its processing status.
- `Invoice` (invoices and credit notes) is immutable once issued: save() and delete() refuse;
  its number comes from `InvoiceSequence`, a counter row per (seller, year, kind) locked and
  incremented in the same transaction as the insert, so numbers have no gap
  (docs/adr/0005-invoices-and-stripe.md).
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round
from django.utils.translation import gettext_lazy as _

from ostal.core.models import BaseModel
from ostal.core.validators import validate_siret, validate_vat_number
from ostal.memberships.models import Plan, Subscription
from ostal.spaces.models import Operator

NETWORK_SELLER_KEY = "network"


def operator_seller_key(operator_id: int) -> str:
    return f"operator:{operator_id}"


class BillingProfile(BaseModel):
    """Who the invoices are made out to. Business buyers (SIRET given) get the B2B mentions and
    a Factur-X invoice."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="billing_profile")
    is_business = models.BooleanField(default=False)
    name = models.CharField(_("nom ou raison sociale"), max_length=200, blank=True)
    address_line1 = models.CharField(max_length=200, blank=True)
    address_line2 = models.CharField(max_length=200, blank=True)
    postal_code = models.CharField(max_length=10, blank=True)
    city = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=2, default="FR")
    siret = models.CharField(max_length=14, blank=True, validators=[validate_siret])
    vat_number = models.CharField(max_length=15, blank=True, validators=[validate_vat_number])
    invoice_email = models.EmailField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(is_business=False) | ~Q(siret=""),
                                   name="business_buyer_has_siret"),
        ]

    def __str__(self) -> str:
        return self.name or str(self.user_id)


class Payment(BaseModel):
    """One card payment (a Stripe PaymentIntent) for a booking, a carnet or a subscription
    period, collected on the network's account on behalf of `seller_key`."""

    class Status(models.TextChoices):
        REQUIRES_PAYMENT = "requires_payment", _("en attente de paiement")
        PROCESSING = "processing", _("en cours")
        SUCCEEDED = "succeeded", _("payé")
        FAILED = "failed", _("échec")
        CANCELLED = "cancelled", _("annulé")
        PARTIALLY_REFUNDED = "partially_refunded", _("partiellement remboursé")
        REFUNDED = "refunded", _("remboursé")

    class Purpose(models.TextChoices):
        BOOKING = "booking", _("réservation")
        PLAN_PURCHASE = "plan_purchase", _("achat d'un carnet")
        SUBSCRIPTION_PERIOD = "subscription_period", _("période d'abonnement")
        EMPLOYER_BUNDLE = "employer_bundle", _("forfait employeur")

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.REQUIRES_PAYMENT: frozenset({Status.PROCESSING, Status.SUCCEEDED, Status.FAILED,
                                            Status.CANCELLED}),
        Status.PROCESSING: frozenset({Status.SUCCEEDED, Status.FAILED, Status.CANCELLED}),
        # A failed attempt can be retried (3-D Secure again, another card) until cancelled.
        Status.FAILED: frozenset({Status.REQUIRES_PAYMENT, Status.PROCESSING, Status.SUCCEEDED,
                                  Status.CANCELLED}),
        Status.SUCCEEDED: frozenset({Status.PARTIALLY_REFUNDED, Status.REFUNDED}),
        Status.PARTIALLY_REFUNDED: frozenset({Status.PARTIALLY_REFUNDED, Status.REFUNDED}),
        Status.CANCELLED: frozenset(),
        Status.REFUNDED: frozenset(),
    }
    OPEN_STATUSES: ClassVar[tuple[str, ...]] = (Status.REQUIRES_PAYMENT, Status.PROCESSING,
                                                Status.FAILED)
    PAID_STATUSES: ClassVar[tuple[str, ...]] = (Status.SUCCEEDED, Status.PARTIALLY_REFUNDED,
                                                Status.REFUNDED)

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    payer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="payments")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    booking = models.ForeignKey("bookings.Booking", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="payments")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="payments")
    subscription = models.ForeignKey(Subscription, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="payments")
    seller_key = models.CharField(max_length=40)
    seller_operator = models.ForeignKey(Operator, on_delete=models.PROTECT, null=True,
                                        blank=True, related_name="payments")
    description = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    amount_refunded = models.DecimalField(max_digits=12, decimal_places=2,
                                          default=Decimal("0.00"))
    status = models.CharField(max_length=20, choices=Status.choices,
                              default=Status.REQUIRES_PAYMENT)
    failure_code = models.CharField(max_length=60, blank=True)
    failure_message = models.CharField(max_length=300, blank=True)
    save_card = models.BooleanField(default=False)
    is_disputed = models.BooleanField(default=False)
    succeeded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "paiement"
        verbose_name_plural = "paiements"
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=["payer", "created_at"], name="payment_payer_created"),
                   models.Index(fields=["seller_key", "created_at"], name="payment_seller")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=Q(amount_refunded__gte=0) & Q(amount_refunded__lte=F("amount")),
                name="payment_refund_within_amount"),
            models.UniqueConstraint(
                fields=["booking"],
                condition=Q(status__in=["requires_payment", "processing", "failed",
                                        "succeeded", "partially_refunded"]),
                name="one_live_payment_per_booking"),
        ]

    def __str__(self) -> str:
        return f"payment {self.reference} {self.amount} {self.currency} ({self.status})"


class PaymentStatusChange(models.Model):
    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.payment_id}: {self.from_status} → {self.to_status}"


class Refund(BaseModel):
    """Money given back on a payment (all or part). Requested in our transaction, executed at
    Stripe after commit with an idempotency key derived from the row; a credit note follows."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("demandé")
        SUCCEEDED = "succeeded", _("effectué")
        FAILED = "failed", _("échec")

    class Reason(models.TextChoices):
        BOOKING_CANCELLED = "booking_cancelled", _("réservation annulée")
        HOLD_EXPIRED = "hold_expired", _("paiement arrivé après l'expiration")
        DUPLICATE = "duplicate", _("paiement en double")
        MANUAL = "manual", _("geste commercial")

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    idempotency_key = models.CharField(max_length=120, unique=True)
    failure_message = models.CharField(max_length=300, blank=True)
    succeeded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "remboursement"
        verbose_name_plural = "remboursements"
        ordering = ("-created_at",)
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"refund {self.reference} {self.amount} ({self.status})"


class Dispute(BaseModel):
    """A chargeback opened by the cardholder's bank (Stripe `charge.dispute.*`)."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="disputes")
    stripe_id = models.CharField(max_length=100, unique=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    reason = models.CharField(max_length=60, blank=True)
    status = models.CharField(max_length=30)
    closed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"dispute {self.stripe_id} ({self.status})"

    class Meta:
        verbose_name = "contestation de paiement"
        verbose_name_plural = "contestations de paiement"


class StripeObjectRef(models.Model):
    """Which local row a Stripe object belongs to (pretix's ReferencedStripeObject). A Stripe id
    we never created has no row here: events about it change nothing."""

    class ObjectType(models.TextChoices):
        CUSTOMER = "customer", "customer"
        PAYMENT_INTENT = "payment_intent", "payment_intent"
        SUBSCRIPTION = "subscription", "subscription"
        REFUND = "refund", "refund"
        SETUP_INTENT = "setup_intent", "setup_intent"
        PRICE = "price", "price"

    stripe_id = models.CharField(max_length=120, unique=True)
    object_type = models.CharField(max_length=20, choices=ObjectType.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="stripe_refs")
    subscription = models.ForeignKey(Subscription, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+")
    refund = models.ForeignKey(Refund, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="stripe_refs")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+")
    lookup_key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=Q(object_type="customer"),
                                    name="one_stripe_customer_per_user"),
            models.UniqueConstraint(fields=["lookup_key"], condition=Q(object_type="price"),
                                    name="one_stripe_price_per_lookup_key"),
        ]

    def __str__(self) -> str:
        return f"{self.object_type} {self.stripe_id}"


class StripeEvent(models.Model):
    """A webhook delivery, stored raw before anything else, processed once per event id."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("reçu")
        PROCESSING = "processing", _("en traitement")
        SUCCEEDED = "succeeded", _("traité")
        IGNORED = "ignored", _("ignoré")
        FAILED = "failed", _("échec")

    stripe_event_id = models.CharField(max_length=120, unique=True)
    type = models.CharField(max_length=80, db_index=True)
    api_version = models.CharField(max_length=40, blank=True)
    livemode = models.BooleanField(default=False)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # While `processing`: until when the claim holds. Past it, the worker is taken for dead
    # and the sweep claims the event again (services/webhooks.py).
    lease_until = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "événement Stripe"
        verbose_name_plural = "événements Stripe"
        ordering = ("-received_at",)
        indexes = [models.Index(fields=["received_at"], condition=Q(status__in=["received",
                                                                              "failed"]),
                                name="stripe_event_pending"),
                   models.Index(fields=["lease_until"], condition=Q(status="processing"),
                                name="stripe_event_leased")]

    def __str__(self) -> str:
        return f"{self.stripe_event_id} {self.type} ({self.status})"


class BillingNotice(models.Model):
    """Outbox of billing notices (payment failed, subscription suspended, dispute opened...).
    Rows only: the notifications issue will send them (a sweeper claims unsent rows); until
    then they are what the admin and the member's screens show. `dedupe_key` is UNIQUE, so a
    replayed event never notifies twice."""

    class Kind(models.TextChoices):
        PAYMENT_FAILED = "payment_failed", _("paiement refusé")
        RENEWAL_FAILED = "renewal_failed", _("échec du renouvellement")
        SUBSCRIPTION_SUSPENDED = "subscription_suspended", _("abonnement suspendu")
        REFUND_ISSUED = "refund_issued", _("remboursement effectué")
        DISPUTE_OPENED = "dispute_opened", _("contestation ouverte")
        DISPUTE_CLOSED = "dispute_closed", _("contestation close")

    kind = models.CharField(max_length=30, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True,
                             blank=True, related_name="billing_notices")
    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="+")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, null=True,
                                     blank=True, related_name="+")
    dedupe_key = models.CharField(max_length=160, unique=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "avis de facturation"
        verbose_name_plural = "avis de facturation"
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.kind} ({self.dedupe_key})"


class InvoiceSequence(models.Model):
    """The last number used by one seller for one kind of document in one year. Locked
    (FOR UPDATE) by the issuing transaction: numbers are consecutive and a rolled-back issue
    gives its number back."""

    seller_key = models.CharField(max_length=40)
    doc_type = models.CharField(max_length=12)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["seller_key", "doc_type", "year"],
                                    name="one_invoice_sequence_per_seller_kind_year"),
        ]

    def __str__(self) -> str:
        return f"{self.seller_key} {self.doc_type} {self.year}: {self.last_number}"


class ImmutableInvoiceError(Exception):
    """An issued invoice (or credit note) cannot be changed or deleted: issue a credit note."""


class Invoice(models.Model):
    """An invoice or a credit note ("avoir"), as issued: seller and buyer identities are
    snapshots, totals are the sums of the lines, nothing changes afterwards (only the cached
    PDF file is written once, by a conditional UPDATE)."""

    class DocType(models.TextChoices):
        INVOICE = "invoice", _("facture")
        CREDIT_NOTE = "credit_note", _("avoir")

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    doc_type = models.CharField(max_length=12, choices=DocType.choices)
    seller_key = models.CharField(max_length=40)
    seller_operator = models.ForeignKey(Operator, on_delete=models.PROTECT, null=True,
                                        blank=True, related_name="invoices")
    seller = models.JSONField(help_text=_("Identité du vendeur à la date d'émission."))
    issuer = models.JSONField(default=dict, blank=True,
                              help_text=_("Qui émet pour le compte du vendeur (mandat)."))
    on_behalf_of = models.BooleanField(default=False)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(max_length=40)
    issued_at = models.DateTimeField()
    service_date = models.DateField()
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="invoices")
    buyer_snapshot = models.JSONField()
    is_business = models.BooleanField(default=False)
    currency = models.CharField(max_length=3, default="EUR")
    total_net = models.DecimalField(max_digits=12, decimal_places=2)
    total_vat = models.DecimalField(max_digits=12, decimal_places=2)
    total_gross = models.DecimalField(max_digits=12, decimal_places=2)
    vat_mentions = models.JSONField(default=list, blank=True)
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="invoices")
    payment_terms = models.CharField(max_length=600)
    paid_at = models.DateTimeField(null=True, blank=True)
    credited_invoice = models.ForeignKey("self", on_delete=models.PROTECT, null=True,
                                         blank=True, related_name="credit_notes")
    delivery = models.JSONField(
        default=dict, db_default=models.Value({}, output_field=models.JSONField()), blank=True,
        help_text=_("Lieu où la prestation est rendue, quand il diffère de l'adresse de "
                    "l'acheteur (BG-15)."))
    source_key = models.CharField(max_length=120, unique=True)
    pdf = models.FileField(upload_to="invoices/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "facture"
        verbose_name_plural = "factures"
        ordering = ("-issued_at", "-id")
        indexes = [models.Index(fields=["buyer", "issued_at"], name="invoice_buyer_issued")]
        constraints = [
            models.UniqueConstraint(fields=["seller_key", "doc_type", "year", "sequence"],
                                    name="invoice_number_unique_per_seller"),
            models.UniqueConstraint(fields=["seller_key", "number"],
                                    name="invoice_number_text_unique_per_seller"),
            models.CheckConstraint(
                # Round: SQLite adds decimals as floats (-73.85 + -14.77 is not -88.62 there);
                # on PostgreSQL the sum of two 2-decimal numbers is exact either way.
                condition=Q(total_gross=Round(F("total_net") + F("total_vat"), 2)),
                name="invoice_totals_add_up"),
            models.CheckConstraint(
                condition=Q(doc_type="invoice", credited_invoice__isnull=True)
                | Q(doc_type="credit_note", credited_invoice__isnull=False),
                name="credit_note_references_invoice"),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableInvoiceError(f"{self.number} is issued: issue a credit note instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableInvoiceError(f"{self.number} is issued and kept 10 years.")


class InvoiceLine(models.Model):
    """One line, VAT computed on the line (ostal.core.money.vat_split_from_gross)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
    position = models.PositiveSmallIntegerField()
    description = models.CharField(max_length=300)
    quantity = models.DecimalField(max_digits=10, decimal_places=2)
    unit_price_net = models.DecimalField(max_digits=14, decimal_places=4)
    vat_rate = models.DecimalField(max_digits=5, decimal_places=4)
    vat_category = models.CharField(max_length=2)
    vat_mention = models.CharField(max_length=200, blank=True)
    vat_exemption_code = models.CharField(max_length=30, blank=True, default="", db_default="",
                                          help_text=_("Code VATEX (BT-121) des lignes E et O."))
    net = models.DecimalField(max_digits=12, decimal_places=2)
    vat = models.DecimalField(max_digits=12, decimal_places=2)
    gross = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "ligne de facture"
        verbose_name_plural = "lignes de facture"
        ordering = ("invoice_id", "position")
        constraints = [
            models.UniqueConstraint(fields=["invoice", "position"],
                                    name="invoice_line_position_unique"),
            models.CheckConstraint(condition=Q(gross=Round(F("net") + F("vat"), 2)),
                                   name="invoice_line_adds_up"),
        ]

    def __str__(self) -> str:
        return f"{self.invoice_id}/{self.position} {self.description}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableInvoiceError("Invoice lines are immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableInvoiceError("Invoice lines are immutable.")


# --- Reconciliation with Stripe (ostal.billing.services.reconciliation) ---------------------

class ReconciliationCursor(models.Model):
    """Where the last reconciliation run got to, per kind of Stripe object: the next run lists
    objects created at or after `created_gte` minus the look-back window."""

    object_type = models.CharField(max_length=30, unique=True)
    created_gte = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.object_type} ≥ {self.created_gte}"


class ReconciliationRun(models.Model):
    """One pass of the reconciliation job: what it checked and repaired. At most one runs at a
    time (a partial UNIQUE on status=running); a run whose worker died is taken over once its
    `lease_until` has passed."""

    class Status(models.TextChoices):
        RUNNING = "running", _("en cours")
        SUCCEEDED = "succeeded", _("terminé")
        FAILED = "failed", _("échec")

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField()
    lease_until = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    stats = models.JSONField(default=dict, blank=True)
    repairs = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = "rapprochement"
        verbose_name_plural = "rapprochements"
        ordering = ("-started_at", "-id")
        constraints = [
            models.UniqueConstraint(fields=["status"], condition=Q(status="running"),
                                    name="one_reconciliation_running"),
        ]

    def __str__(self) -> str:
        return f"reconciliation {self.started_at:%Y-%m-%d %H:%M} ({self.status})"


class ReconciliationIssue(models.Model):
    """A difference between Stripe and Ostal that is not safe to repair automatically, for the
    network admin to review. One row per (kind, Stripe id): seen again, it is updated, not
    duplicated; once resolved by an admin it stays resolved."""

    class Kind(models.TextChoices):
        UNKNOWN_PAYMENT = "unknown_payment", _("paiement inconnu d'Ostal")
        AMOUNT_MISMATCH = "amount_mismatch", _("montant ou devise différents")
        PAYMENT_FOR_CANCELLED_BOOKING = "payment_for_cancelled_booking", _(
            "paiement d'une réservation annulée, non remboursé")
        UNKNOWN_REFUND = "unknown_refund", _("remboursement d'un paiement inconnu")
        REFUND_EXCEEDS_PAYMENT = "refund_exceeds_payment", _("remboursement au-delà du payé")
        REFUNDED_AMOUNT_MISMATCH = "refunded_amount_mismatch", _("montants remboursés différents")
        DISPUTE = "dispute", _("contestation de paiement (chargeback)")
        UNKNOWN_SUBSCRIPTION = "unknown_subscription", _("abonnement inconnu d'Ostal")
        UNKNOWN_INVOICE = "unknown_invoice", _("facture d'abonnement inconnue")
        REPAIR_FAILED = "repair_failed", _("réparation impossible")

    class Status(models.TextChoices):
        OPEN = "open", _("à examiner")
        RESOLVED = "resolved", _("résolu")

    kind = models.CharField(max_length=40, choices=Kind.choices)
    stripe_id = models.CharField(max_length=120)
    payment = models.ForeignKey(Payment, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="reconciliation_issues")
    details = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    resolution_note = models.TextField(blank=True)

    class Meta:
        verbose_name = "écart de rapprochement"
        verbose_name_plural = "écarts de rapprochement"
        ordering = ("-first_seen_at", "-id")
        constraints = [
            models.UniqueConstraint(fields=["kind", "stripe_id"],
                                    name="one_reconciliation_issue_per_kind_and_object"),
        ]
        indexes = [models.Index(fields=["status", "first_seen_at"], name="recon_issue_status")]

    def __str__(self) -> str:
        return f"{self.kind} {self.stripe_id} ({self.status})"


# --- Settlements with operators (ostal.billing.settlements) ------------------------------------

class Settlement(models.Model):
    """What the network collected on behalf of one operator in one month, what it owes it
    (reversement). A draft is recomputed (deterministically) until closed; a closed statement
    never changes, and anything that belongs to its month but arrives later becomes an
    adjustment line on the next statement."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        CLOSED = "closed", _("clos")

    operator = models.ForeignKey(Operator, on_delete=models.PROTECT, related_name="settlements")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    currency = models.CharField(max_length=3, default="EUR")
    total_collected = models.DecimalField(max_digits=12, decimal_places=2,
                                          default=Decimal("0.00"))
    total_redemptions = models.DecimalField(max_digits=12, decimal_places=2,
                                            default=Decimal("0.00"))
    commission_rate = models.DecimalField(max_digits=6, decimal_places=3, default=Decimal("0"))
    commission_net = models.DecimalField(max_digits=12, decimal_places=2,
                                         default=Decimal("0.00"))
    commission_vat = models.DecimalField(max_digits=12, decimal_places=2,
                                         default=Decimal("0.00"))
    amount_due = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    totals = models.JSONField(default=dict, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    pdf = models.FileField(upload_to="settlements/", blank=True)
    csv = models.FileField(upload_to="settlements/", blank=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "reversement"
        verbose_name_plural = "reversements"
        ordering = ("-year", "-month", "operator_id")
        constraints = [
            models.UniqueConstraint(fields=["operator", "year", "month"],
                                    name="one_settlement_per_operator_and_month"),
            models.CheckConstraint(condition=Q(month__gte=1) & Q(month__lte=12),
                                   name="settlement_month_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.operator_id} {self.year}-{self.month:02d} ({self.status})"


class SettlementLine(models.Model):
    """One line of a statement. `source_key` names what it counts (a payment, a refund, a
    credit movement), UNIQUE per statement; `adjustment_of` is the closed month ("2026-03") a
    late line belongs to. Amounts are tax included (`gross`), split with the seller's VAT."""

    settlement = models.ForeignKey(Settlement, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=24)
    source_key = models.CharField(max_length=160)
    occurred_at = models.DateTimeField()
    adjustment_of = models.CharField(max_length=7, blank=True)
    description = models.CharField(max_length=300)
    credits = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    gross = models.DecimalField(max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(max_digits=5, decimal_places=4)
    net = models.DecimalField(max_digits=12, decimal_places=2)
    vat = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "ligne de reversement"
        verbose_name_plural = "lignes de reversement"
        ordering = ("settlement_id", "position")
        constraints = [
            models.UniqueConstraint(fields=["settlement", "source_key"],
                                    name="settlement_line_source_unique"),
            models.CheckConstraint(condition=Q(gross=Round(F("net") + F("vat"), 2)),
                                   name="settlement_line_adds_up"),
        ]
        indexes = [models.Index(fields=["source_key"], name="settlement_line_source")]

    def __str__(self) -> str:
        return f"{self.settlement_id}/{self.position} {self.kind} {self.gross}"


# --- E-invoicing through an accredited platform (ostal.billing.einvoicing, ADR 0019) ----------

class OperatorEInvoicing(BaseModel):
    """An operator's e-invoicing settings: whether it gave the network the mandate to transmit
    its business invoices to the accredited platform (« plateforme agréée », PA) in its name,
    and the identifier its own receiving platform gave it (routing address in the directory).
    Without a mandate, its invoices are issued as before and the operator transmits them."""

    operator = models.OneToOneField(Operator, on_delete=models.CASCADE,
                                    related_name="einvoicing")
    mandate_given = models.BooleanField(default=False)
    mandate_given_at = models.DateTimeField(null=True, blank=True)
    mandate_given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                         null=True, blank=True, related_name="+")
    platform_identifier = models.CharField(
        max_length=100, blank=True,
        help_text=_("Identifiant (adresse de routage) de l'opérateur dans l'annuaire."))

    def __str__(self) -> str:
        return f"{self.operator_id} mandate={self.mandate_given}"


class EInvoiceTransmission(BaseModel):
    """One invoice's journey to the accredited platform: an outbox row written in the issuing
    transaction, submitted by the worker (retried with backoff until `EINVOICING_MAX_ATTEMPTS`),
    then followed by the lifecycle statuses the platform reports (`EInvoiceStatus`).
    `lifecycle` is the latest status, kept here for lists."""

    class Status(models.TextChoices):
        PENDING = "pending", _("à transmettre")
        SUBMITTED = "submitted", _("transmise")
        FAILED = "failed", _("échec de transmission")

    class Lifecycle(models.TextChoices):
        """The reform's lifecycle statuses (codes of the French external specifications)."""

        DEPOSITED = "200", _("déposée")
        ISSUED = "201", _("émise par la plateforme")
        RECEIVED = "202", _("reçue par la plateforme")
        MADE_AVAILABLE = "203", _("mise à disposition")
        TAKEN_OVER = "204", _("prise en charge")
        APPROVED = "205", _("approuvée")
        PARTLY_APPROVED = "206", _("approuvée partiellement")
        DISPUTED = "207", _("en litige")
        SUSPENDED = "208", _("suspendue")
        COMPLETED = "209", _("complétée")
        REFUSED = "210", _("refusée")
        PAYMENT_SENT = "211", _("paiement transmis")
        CASHED = "212", _("encaissée")
        REJECTED = "213", _("rejetée")

    invoice = models.OneToOneField(Invoice, on_delete=models.PROTECT,
                                   related_name="transmission")
    platform = models.CharField(max_length=60)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    flow_id = models.CharField(max_length=120, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.CharField(max_length=500, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    lifecycle = models.CharField(max_length=3, choices=Lifecycle.choices, blank=True)
    lifecycle_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=["next_attempt_at"], condition=Q(status="pending"),
                                name="einvoice_transmission_due")]

    def __str__(self) -> str:
        return f"{self.invoice_id} {self.status} {self.lifecycle}"


class EInvoiceStatus(models.Model):
    """A lifecycle status reported by the platform for a transmitted invoice, once per platform
    event (UNIQUE `event_id`: fetching the same event again records nothing)."""

    transmission = models.ForeignKey(EInvoiceTransmission, on_delete=models.CASCADE,
                                     related_name="statuses")
    event_id = models.CharField(max_length=120, unique=True)
    code = models.CharField(max_length=3, choices=EInvoiceTransmission.Lifecycle.choices)
    reason = models.CharField(max_length=500, blank=True)
    occurred_at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("transmission_id", "occurred_at", "id")

    def __str__(self) -> str:
        return f"{self.transmission_id} {self.code} {self.occurred_at:%Y-%m-%d %H:%M}"


class EInvoicingCursor(models.Model):
    """Where the last fetch of lifecycle statuses got to, per platform: the platform's own
    update mark, passed back as `updatedAfter`."""

    platform = models.CharField(max_length=60, unique=True)
    updated_after = models.CharField(max_length=60, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.platform} after {self.updated_after}"
