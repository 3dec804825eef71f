"""Input/output serializers of billing. Amounts are decimal strings with a `currency` beside."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from stdnum.eu import vat as eu_vat

from ostal.billing.invoicing.issue import vat_breakdown
from ostal.billing.models import (
    BillingNotice,
    BillingProfile,
    EInvoiceStatus,
    EInvoiceTransmission,
    Invoice,
    InvoiceLine,
    OperatorEInvoicing,
    Payment,
    Refund,
)
from ostal.billing.profiles import billing_profile_errors
from ostal.memberships.api.serializers import PlanOutputSerializer
from ostal.memberships.models import Subscription, units_to_credits
from ostal.memberships.selectors import subscription_units_left
from ostal.spaces.models import Resource

Money = serializers.DecimalField


class BillingConfigOutputSerializer(serializers.Serializer[Any]):
    publishable_key = serializers.CharField()
    stripe_js_url = serializers.CharField(help_text="Where to load Stripe.js from (the local "
                                                    "fake in the embedded default).")
    mode = serializers.ChoiceField(choices=["local", "stripe"])
    late_cancellation_refund_percent = serializers.IntegerField(
        help_text="Share of a card payment refunded on a late cancellation (credits are kept "
                  "when it is below 100).")


class BillingProfileSerializer(serializers.ModelSerializer[BillingProfile]):
    """Who invoices are made out to. Business buyers give a SIRET (then `is_business`)."""

    class Meta:
        model = BillingProfile
        fields = ("is_business", "name", "address_line1", "address_line2", "postal_code",
                  "city", "country", "siret", "vat_number", "invoice_email")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        current = {field: getattr(self.instance, field, "") for field in self.Meta.fields}
        merged = {**current, **attrs}
        merged["country"] = str(merged.get("country") or "FR").upper()
        errors = billing_profile_errors(merged)
        if errors:
            raise serializers.ValidationError(errors)
        if "country" in attrs:
            attrs["country"] = merged["country"]
        if attrs.get("vat_number"):
            attrs["vat_number"] = eu_vat.compact(attrs["vat_number"])
        return attrs


class PaymentMethodOutputSerializer(serializers.Serializer[Any]):
    id = serializers.CharField()
    brand = serializers.CharField()
    last4 = serializers.CharField()
    exp_month = serializers.IntegerField()
    exp_year = serializers.IntegerField()


class SetupIntentOutputSerializer(serializers.Serializer[Any]):
    setup_intent_id = serializers.CharField()
    client_secret = serializers.CharField(help_text="For stripe.confirmCardSetup().")


class RefundOutputSerializer(serializers.ModelSerializer[Refund]):
    class Meta:
        model = Refund
        fields = ("reference", "amount", "currency", "reason", "status", "created_at",
                  "succeeded_at")


class PaymentOutputSerializer(serializers.ModelSerializer[Payment]):
    booking_id = serializers.IntegerField(allow_null=True, read_only=True)
    plan_id = serializers.IntegerField(allow_null=True, read_only=True)
    subscription_reference = serializers.UUIDField(source="subscription.reference",
                                                   allow_null=True, default=None,
                                                   read_only=True)
    seller_name = serializers.SerializerMethodField()
    refunds = RefundOutputSerializer(many=True, read_only=True)

    class Meta:
        model = Payment
        fields = ("reference", "purpose", "description", "amount", "currency",
                  "amount_refunded", "status", "failure_code", "failure_message",
                  "booking_id", "plan_id", "subscription_reference", "seller_name",
                  "is_disputed", "created_at", "succeeded_at", "refunds")

    def get_seller_name(self, payment: Payment) -> str:
        from django.conf import settings

        return (payment.seller_operator.name if payment.seller_operator is not None
                else settings.NETWORK_LEGAL_NAME)


class PaymentStartedOutputSerializer(serializers.Serializer[Any]):
    payment = PaymentOutputSerializer()
    client_secret = serializers.CharField(
        help_text="PaymentIntent client secret for Stripe.js (3-D Secure, or a new card).")
    requires_action = serializers.BooleanField(
        help_text="True: call stripe.confirmCardPayment(client_secret), then POST "
                  "/payments/{reference}/sync/.")


class PurchaseInputSerializer(serializers.Serializer[Any]):
    plan = serializers.IntegerField(help_text="Id of a carnet (not a monthly plan).")
    payment_method = serializers.CharField(required=False, allow_blank=True, default="",
                                           help_text="A saved card (pm_...). Without one, "
                                                     "confirm with Stripe.js (real Stripe).")
    save_card = serializers.BooleanField(default=False)


class PaymentSyncInputSerializer(serializers.Serializer[Any]):
    payment_intent = serializers.CharField(help_text="The PaymentIntent id Stripe.js returned.")


class RefundInputSerializer(serializers.Serializer[Any]):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False,
                                      help_text="Tax included; default: what is left.")


class InvoiceLineOutputSerializer(serializers.ModelSerializer[InvoiceLine]):
    class Meta:
        model = InvoiceLine
        fields = ("position", "description", "quantity", "unit_price_net", "vat_rate",
                  "vat_mention", "net", "vat", "gross")


class VatBreakdownOutputSerializer(serializers.Serializer[Any]):
    category = serializers.CharField()
    rate = serializers.DecimalField(max_digits=5, decimal_places=4)
    base = Money(max_digits=12, decimal_places=2)
    vat = Money(max_digits=12, decimal_places=2)


class EInvoiceSummaryOutputSerializer(serializers.ModelSerializer[EInvoiceTransmission]):
    """Where an invoice stands with the accredited platform (buyers and employers see this)."""

    class Meta:
        model = EInvoiceTransmission
        fields = ("status", "lifecycle", "lifecycle_at")


class InvoiceOutputSerializer(serializers.ModelSerializer[Invoice]):
    seller_name = serializers.SerializerMethodField()
    credited_invoice_number = serializers.CharField(
        source="credited_invoice.number", default=None, read_only=True, allow_null=True,
        help_text="The invoice a credit note corrects (null on an invoice).")
    lines = InvoiceLineOutputSerializer(many=True, read_only=True)
    vat_breakdown = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()
    payment_reference = serializers.UUIDField(
        source="payment.reference", default=None, read_only=True, allow_null=True,
        help_text="The payment it was paid by (null when none, e.g. an employer's invoice).")
    einvoice = serializers.SerializerMethodField(
        help_text="Its transmission to the accredited e-invoicing platform and the latest "
                  "lifecycle status (null: not transmitted through Ostal).")

    class Meta:
        model = Invoice
        fields = ("reference", "doc_type", "number", "issued_at", "service_date",
                  "seller_name", "on_behalf_of", "is_business", "currency", "total_net",
                  "total_vat", "total_gross", "vat_mentions", "payment_terms", "paid_at",
                  "credited_invoice_number", "payment_reference", "lines", "vat_breakdown",
                  "pdf_url", "einvoice")

    @extend_schema_field(EInvoiceSummaryOutputSerializer(allow_null=True))
    def get_einvoice(self, invoice: Invoice) -> dict[str, Any] | None:
        try:
            transmission = invoice.transmission
        except EInvoiceTransmission.DoesNotExist:
            return None
        return EInvoiceSummaryOutputSerializer(transmission).data

    def get_seller_name(self, invoice: Invoice) -> str:
        return str(invoice.seller.get("legal_name", ""))

    @extend_schema_field(VatBreakdownOutputSerializer(many=True))
    def get_vat_breakdown(self, invoice: Invoice) -> list[dict[str, Any]]:
        return VatBreakdownOutputSerializer(vat_breakdown(invoice), many=True).data  # type: ignore[return-value]

    def get_pdf_url(self, invoice: Invoice) -> str:
        return f"/api/v1/invoices/{invoice.reference}/pdf/"


class SubscriptionOutputSerializer(serializers.ModelSerializer[Subscription]):
    plan = PlanOutputSerializer()
    credits_left = serializers.SerializerMethodField(
        help_text="Credits left on this period's lot (null for an unlimited plan).")

    class Meta:
        model = Subscription
        fields = ("reference", "plan", "status", "current_period_start",
                  "current_period_end", "cancel_at_period_end", "failed_payment_count",
                  "credits_left", "activated_at", "suspended_at", "cancelled_at",
                  "created_at")

    @extend_schema_field(serializers.DecimalField(max_digits=10, decimal_places=2,
                                                  allow_null=True))
    def get_credits_left(self, subscription: Subscription) -> str | None:
        units = subscription_units_left(subscription, now=timezone.now())
        return None if units is None else str(units_to_credits(units))


class SubscriptionCreateInputSerializer(serializers.Serializer[Any]):
    plan = serializers.IntegerField(help_text="Id of a monthly plan.")
    payment_method = serializers.CharField(help_text="A saved card (pm_...).")


class SubscriptionStartedOutputSerializer(serializers.Serializer[Any]):
    subscription = SubscriptionOutputSerializer()
    client_secret = serializers.CharField(
        allow_blank=True, help_text="With `requires_action`: give it to Stripe.js "
                                    "confirmCardPayment (3-D Secure); empty otherwise.")
    requires_action = serializers.BooleanField()
    payment_intent = serializers.CharField(
        allow_blank=True, help_text="With `requires_action`: the first month's PaymentIntent, "
                                    "to POST to /subscriptions/{reference}/sync/ once Stripe.js "
                                    "is done; empty otherwise.")


class SubscriptionUpdateInputSerializer(serializers.Serializer[Any]):
    plan = serializers.IntegerField(required=False,
                                    help_text="Switch plan from the next renewal.")
    cancel_at_period_end = serializers.BooleanField(
        required=False, help_text="true: stop renewing; false: resume.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if len(attrs) != 1:
            raise serializers.ValidationError(
                "Donnez soit `plan`, soit `cancel_at_period_end` / give one of them.")
        return attrs


class CheckoutInputSerializer(serializers.Serializer[Any]):
    method = serializers.ChoiceField(choices=["credits", "card"])
    payment_method = serializers.CharField(required=False, allow_blank=True, default="")
    save_card = serializers.BooleanField(default=False)


class BookingQuoteOutputSerializer(serializers.Serializer[Any]):
    amount = Money(max_digits=12, decimal_places=2, allow_null=True,
                   help_text="Card price, tax included (null: not sold by card here): the "
                             "member price when I am a member of the place.")
    is_member_price = serializers.BooleanField(help_text="`amount` is the place's member price.")
    currency = serializers.CharField()
    credits = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True,
                                       help_text="Cost in credits (null: not sold in credits).")
    covered_by_subscription = serializers.BooleanField()
    credits_available = serializers.DecimalField(max_digits=10, decimal_places=2,
                                                 help_text="Credits usable at this place now.")


class SlotQuoteInputSerializer(serializers.Serializer[Any]):
    """A slot as the booking form asks for it: a part of the day, or local start/end times."""

    space = serializers.SlugField(help_text="The place's slug.")
    kind = serializers.ChoiceField(choices=Resource.Kind.choices, default=Resource.Kind.DESK)
    date = serializers.DateField(help_text="Local date at the place.")
    part = serializers.ChoiceField(choices=["day", "morning", "afternoon"], required=False)
    start_time = serializers.TimeField(required=False)
    end_time = serializers.TimeField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "part" in attrs and ("start_time" in attrs or "end_time" in attrs):
            raise serializers.ValidationError(
                {"part": ["Soit `part`, soit des horaires / either `part` or times."]})
        if "part" not in attrs and not ("start_time" in attrs and "end_time" in attrs):
            raise serializers.ValidationError(
                {"part": ["Donnez `part` ou `start_time` et `end_time` / give `part` or "
                          "`start_time` and `end_time`."]})
        return attrs


class SlotQuoteOutputSerializer(serializers.Serializer[Any]):
    amount = Money(max_digits=12, decimal_places=2, allow_null=True,
                   help_text="What I would pay by card, tax included: the member price when I "
                             "am a member of the place (null: not sold by card here).")
    public_amount = Money(max_digits=12, decimal_places=2, allow_null=True,
                          help_text="The public price of the same slot.")
    is_member_price = serializers.BooleanField(
        help_text="`amount` is the place's member price (I hold an active plan of the place).")
    currency = serializers.CharField()
    credits = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True,
                                       help_text="Cost in credits (null: not sold in credits).")
    covered_by_subscription = serializers.BooleanField(
        help_text="My unlimited plan of the place covers it (nothing to pay).")
    credits_available = serializers.DecimalField(
        max_digits=10, decimal_places=2, allow_null=True,
        help_text="My credits usable at this place now (null when not logged in).")


class CancellationTermsOutputSerializer(serializers.Serializer[Any]):
    deadline = serializers.DateTimeField(help_text="Cancelling after it is a late cancellation.")
    is_late = serializers.BooleanField()
    has_started = serializers.BooleanField(help_text="Too late to cancel at all.")
    refund_percent = serializers.IntegerField(
        help_text="Share of the card payment refunded if I cancel now.")
    currency = serializers.CharField()
    paid_amount = Money(max_digits=12, decimal_places=2,
                        help_text="Paid by card and not yet refunded.")
    refund_amount = Money(max_digits=12, decimal_places=2,
                          help_text="What would come back on the card.")
    credits_spent = serializers.DecimalField(max_digits=10, decimal_places=2)
    credits_returned = serializers.BooleanField(
        help_text="The credits spent come back (false: they are kept).")


class CheckoutOutputSerializer(serializers.Serializer[Any]):
    booking_id = serializers.IntegerField()
    booking_status = serializers.CharField()
    method = serializers.ChoiceField(choices=["credits", "subscription", "card"])
    credits_spent = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    payment = PaymentStartedOutputSerializer(allow_null=True)


class BillingNoticeOutputSerializer(serializers.ModelSerializer[BillingNotice]):
    class Meta:
        model = BillingNotice
        fields = ("id", "kind", "data", "created_at", "sent_at")


class WebhookAckOutputSerializer(serializers.Serializer[Any]):
    received = serializers.BooleanField()
    duplicate = serializers.BooleanField()


# --- E-invoicing (manager's « Facturation électronique ») -------------------------------------

class OperatorEInvoicingOutputSerializer(serializers.ModelSerializer[OperatorEInvoicing]):
    operator_id = serializers.IntegerField(source="operator.pk", read_only=True)
    operator_name = serializers.CharField(source="operator.name", read_only=True)
    siret = serializers.CharField(source="operator.siret", read_only=True)
    mandate_given_by = serializers.EmailField(source="mandate_given_by.email", default=None,
                                              read_only=True, allow_null=True)
    platform_name = serializers.SerializerMethodField(
        help_text="The accredited platform the network transmits to (empty: none configured "
                  "yet, documents wait in the queue).")

    class Meta:
        model = OperatorEInvoicing
        fields = ("operator_id", "operator_name", "siret", "mandate_given", "mandate_given_at",
                  "mandate_given_by", "platform_identifier", "platform_name")

    def get_platform_name(self, settings_row: OperatorEInvoicing) -> str:
        from django.conf import settings

        return settings.EINVOICING_PLATFORM_NAME if settings.EINVOICING_PLATFORM_URL else ""


class OperatorEInvoicingInputSerializer(serializers.Serializer[dict[str, Any]]):
    mandate_given = serializers.BooleanField()
    platform_identifier = serializers.CharField(max_length=100, allow_blank=True,
                                                required=False, default="")


class EInvoiceStatusOutputSerializer(serializers.ModelSerializer[EInvoiceStatus]):
    class Meta:
        model = EInvoiceStatus
        fields = ("code", "reason", "occurred_at")


class EInvoiceOutputSerializer(serializers.ModelSerializer[EInvoiceTransmission]):
    invoice_reference = serializers.UUIDField(source="invoice.reference", read_only=True)
    number = serializers.CharField(source="invoice.number", read_only=True)
    doc_type = serializers.CharField(source="invoice.doc_type", read_only=True)
    issued_at = serializers.DateTimeField(source="invoice.issued_at", read_only=True)
    seller_name = serializers.SerializerMethodField()
    buyer_name = serializers.SerializerMethodField()
    total_gross = serializers.DecimalField(source="invoice.total_gross", max_digits=12,
                                           decimal_places=2, read_only=True)
    currency = serializers.CharField(source="invoice.currency", read_only=True)
    statuses = EInvoiceStatusOutputSerializer(many=True, read_only=True)
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = EInvoiceTransmission
        fields = ("id", "invoice_reference", "number", "doc_type", "issued_at", "seller_name",
                  "buyer_name", "total_gross", "currency", "status", "attempts",
                  "next_attempt_at", "last_error", "submitted_at", "lifecycle", "lifecycle_at",
                  "statuses", "pdf_url")

    def get_seller_name(self, row: EInvoiceTransmission) -> str:
        return str(row.invoice.seller.get("legal_name", ""))

    def get_buyer_name(self, row: EInvoiceTransmission) -> str:
        return str(row.invoice.buyer_snapshot.get("name", ""))

    def get_pdf_url(self, row: EInvoiceTransmission) -> str:
        return f"/api/v1/manage/invoices/{row.invoice.reference}/pdf/"
