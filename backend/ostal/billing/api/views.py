"""Billing API: cards, purchases, subscriptions, payments, invoices, booking checkout, and the
managers' view of what they sold. Thin views: parse, call one service or selector, serialize.
Another member's payment, invoice or subscription is a 404, never a 403."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.billing.api import serializers as s
from ostal.billing.errors import error_catalogue
from ostal.billing.invoicing.pdf import invoice_pdf_get
from ostal.billing.models import BillingProfile, Invoice, Payment, Refund
from ostal.billing.pricing import booking_quote
from ostal.billing.selectors import (
    invoices_for_manager,
    invoices_for_user,
    notices_for_user,
    payments_for_manager,
    payments_for_user,
)
from ostal.billing.services import customers, payments, purchases, subscriptions
from ostal.bookings.models import Booking
from ostal.bookings.rules import SlotRequest
from ostal.checkout import selectors as quotes
from ostal.checkout.services.pay import booking_checkout
from ostal.core.api.permissions import IsManager, acting_user
from ostal.memberships.errors import error_catalogue as membership_errors
from ostal.memberships.models import Plan, Subscription, units_to_credits
from ostal.memberships.selectors import subscriptions_for_user
from ostal.memberships.services.credits import credit_account_get_or_create, spendable_lots
from ostal.spaces.models import Space

ERRORS = (f"\n\nBilling error codes:\n\n{error_catalogue()}\n\nMembership error codes:\n\n"
          f"{membership_errors()}")


class BillingConfigApi(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(operation_id="billing_config_retrieve",
                   responses=s.BillingConfigOutputSerializer,
                   summary="Stripe.js settings for the browser")
    def get(self, request: Request) -> Response:
        local = settings.STRIPE_USES_LOCALSTRIPE
        js = f"{settings.STRIPE_API_BASE}/js.stripe.com/v3/" if local else (
            "https://js.stripe.com/v3/")
        return Response({"publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
                         "stripe_js_url": js, "mode": "local" if local else "stripe",
                         "late_cancellation_refund_percent": max(0, min(
                             100, settings.BILLING_LATE_CANCELLATION_REFUND_PERCENT))})


class BillingProfileApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="billing_profile_retrieve",
                   responses=s.BillingProfileSerializer)
    def get(self, request: Request) -> Response:
        profile = BillingProfile.objects.filter(user=acting_user(request)).first()
        return Response(s.BillingProfileSerializer(profile or BillingProfile()).data)

    @extend_schema(operation_id="billing_profile_update", request=s.BillingProfileSerializer,
                   responses=s.BillingProfileSerializer,
                   summary="Set who my invoices are made out to (applies to new invoices)")
    def put(self, request: Request) -> Response:
        user = acting_user(request)
        profile = BillingProfile.objects.filter(user=user).first()
        data = s.BillingProfileSerializer(profile, data=request.data)
        data.is_valid(raise_exception=True)
        data.save(user=user)
        return Response(data.data)


class PaymentMethodListApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="payment_methods_list",
                   responses=s.PaymentMethodOutputSerializer(many=True),
                   summary="My saved cards")
    def get(self, request: Request) -> Response:
        methods = customers.payment_methods_list(user=acting_user(request))
        return Response(s.PaymentMethodOutputSerializer(methods, many=True).data)


class SetupIntentCreateApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="payment_methods_setup_intent_create", request=None,
                   responses={201: s.SetupIntentOutputSerializer},
                   summary="Start saving a card (then stripe.confirmCardSetup)",
                   description=ERRORS)
    def post(self, request: Request) -> Response:
        intent = customers.setup_intent_create(user=acting_user(request))
        return Response({"setup_intent_id": intent.id, "client_secret": intent.client_secret},
                        status=status.HTTP_201_CREATED)


class SetupIntentCompleteApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="payment_methods_setup_intent_complete", request=None,
                   responses=s.PaymentMethodOutputSerializer,
                   summary="The card saved by a confirmed SetupIntent", description=ERRORS)
    def post(self, request: Request, setup_intent_id: str) -> Response:
        method = customers.setup_intent_complete(user=acting_user(request),
                                                 setup_intent_id=setup_intent_id)
        return Response(s.PaymentMethodOutputSerializer(method).data)


class PaymentMethodDetailApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="payment_methods_destroy", responses={204: None},
                   summary="Forget a saved card", description=ERRORS)
    def delete(self, request: Request, payment_method_id: str) -> Response:
        customers.payment_method_remove(user=acting_user(request),
                                        payment_method_id=payment_method_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _started(started: payments.PaymentStarted) -> dict[str, Any]:
    return {"payment": started.payment, "client_secret": started.client_secret,
            "requires_action": started.requires_action}


class PurchaseCreateApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="purchases_create", request=s.PurchaseInputSerializer,
                   responses={201: s.PaymentStartedOutputSerializer},
                   summary="Buy a carnet by card",
                   description="With a saved card the payment is confirmed at once: "
                               "`payment.status` is `succeeded` (credits granted, invoice "
                               "issued) or `failed`, or `requires_action` is true (3-D Secure: "
                               "confirm with Stripe.js, then POST /payments/{reference}/sync/)."
                               + ERRORS)
    def post(self, request: Request) -> Response:
        data = s.PurchaseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = get_object_or_404(Plan, pk=data.validated_data["plan"])
        started = purchases.purchase_start(
            member=acting_user(request), plan=plan,
            payment_method=data.validated_data["payment_method"],
            save_card=data.validated_data["save_card"])
        return Response(s.PaymentStartedOutputSerializer(_started(started)).data,
                        status=status.HTTP_201_CREATED)


class PaymentListApi(generics.ListAPIView[Payment]):
    """My payments, newest first."""

    permission_classes = (IsAuthenticated,)
    serializer_class = s.PaymentOutputSerializer

    def get_queryset(self) -> QuerySet[Payment]:
        if getattr(self, "swagger_fake_view", False):
            return Payment.objects.none()
        return payments_for_user(acting_user(self.request))


class PaymentDetailApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="payments_retrieve", responses=s.PaymentOutputSerializer)
    def get(self, request: Request, reference: str) -> Response:
        payment = get_object_or_404(payments_for_user(acting_user(request)),
                                    reference=reference)
        return Response(s.PaymentOutputSerializer(payment).data)


class PaymentSyncApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="payments_sync", request=s.PaymentSyncInputSerializer,
                   responses=s.PaymentOutputSerializer,
                   summary="After Stripe.js finished (3-D Secure): refresh the payment now",
                   description=ERRORS)
    def post(self, request: Request, reference: str) -> Response:
        payment = get_object_or_404(payments_for_user(acting_user(request)),
                                    reference=reference)
        data = s.PaymentSyncInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        payment = payments.payment_sync(payment=payment,
                                        payment_intent=data.validated_data["payment_intent"])
        return Response(s.PaymentOutputSerializer(payment).data)


class InvoiceListApi(generics.ListAPIView[Invoice]):
    """My invoices and credit notes, newest first."""

    permission_classes = (IsAuthenticated,)
    serializer_class = s.InvoiceOutputSerializer

    def get_queryset(self) -> QuerySet[Invoice]:
        if getattr(self, "swagger_fake_view", False):
            return Invoice.objects.none()
        return invoices_for_user(acting_user(self.request))


class InvoiceDetailApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="invoices_retrieve", responses=s.InvoiceOutputSerializer)
    def get(self, request: Request, reference: str) -> Response:
        invoice = get_object_or_404(invoices_for_user(acting_user(request)),
                                    reference=reference)
        return Response(s.InvoiceOutputSerializer(invoice).data)


def _pdf_response(invoice: Invoice) -> HttpResponse:
    response = HttpResponse(invoice_pdf_get(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice.number}.pdf"'
    return response


PDF_RESPONSE = {(200, "application/pdf"): OpenApiResponse(
    OpenApiTypes.BINARY, description="The invoice PDF (Factur-X PDF/A-3 for business buyers).")}


class InvoicePdfApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="invoices_pdf", responses=PDF_RESPONSE,
                   summary="Download my invoice or credit note as PDF")
    def get(self, request: Request, reference: str) -> HttpResponse:
        return _pdf_response(get_object_or_404(invoices_for_user(acting_user(request)),
                                               reference=reference))


class SubscriptionListApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="subscriptions_list",
                   responses=s.SubscriptionOutputSerializer(many=True),
                   summary="My monthly plans, with what is left this period")
    def get(self, request: Request) -> Response:
        return Response(s.SubscriptionOutputSerializer(
            subscriptions_for_user(acting_user(request)), many=True).data)

    @extend_schema(operation_id="subscriptions_create",
                   request=s.SubscriptionCreateInputSerializer,
                   responses={201: s.SubscriptionStartedOutputSerializer},
                   summary="Subscribe to a monthly plan with a saved card",
                   description="The first month is charged at once; `subscription.status` "
                               "`active` means paid (credits granted, invoice issued). "
                               "`requires_action`: 3-D Secure with Stripe.js; the subscription "
                               "activates when Stripe confirms." + ERRORS)
    def post(self, request: Request) -> Response:
        data = s.SubscriptionCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = get_object_or_404(Plan, pk=data.validated_data["plan"])
        started = subscriptions.subscription_subscribe(
            member=acting_user(request), plan=plan,
            payment_method=data.validated_data["payment_method"])
        return Response(s.SubscriptionStartedOutputSerializer({
            "subscription": started.subscription, "client_secret": started.client_secret,
            "requires_action": started.requires_action,
            "payment_intent": started.payment_intent}).data, status=status.HTTP_201_CREATED)


class SubscriptionDetailApi(APIView):
    permission_classes = (IsAuthenticated,)

    def _get(self, request: Request, reference: str) -> Subscription:
        return get_object_or_404(subscriptions_for_user(acting_user(request)),
                                 reference=reference)

    @extend_schema(operation_id="subscriptions_retrieve",
                   responses=s.SubscriptionOutputSerializer)
    def get(self, request: Request, reference: str) -> Response:
        return Response(s.SubscriptionOutputSerializer(self._get(request, reference)).data)

    @extend_schema(operation_id="subscriptions_partial_update",
                   request=s.SubscriptionUpdateInputSerializer,
                   responses=s.SubscriptionOutputSerializer,
                   summary="Change plan (from next renewal) or stop/resume renewing",
                   description=ERRORS)
    def patch(self, request: Request, reference: str) -> Response:
        subscription = self._get(request, reference)
        data = s.SubscriptionUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if "plan" in data.validated_data:
            plan = get_object_or_404(Plan, pk=data.validated_data["plan"])
            subscription = subscriptions.subscription_change(subscription=subscription,
                                                             plan=plan)
        elif data.validated_data["cancel_at_period_end"]:
            subscription = subscriptions.subscription_cancel(subscription=subscription,
                                                             at_period_end=True)
        else:
            subscription = subscriptions.subscription_resume(subscription=subscription)
        return Response(s.SubscriptionOutputSerializer(
            self._get(request, str(subscription.reference))).data)


class SubscriptionSyncApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="subscriptions_sync", request=s.PaymentSyncInputSerializer,
                   responses=s.SubscriptionOutputSerializer,
                   summary="After Stripe.js finished the first month's 3-D Secure: refresh "
                           "the subscription now",
                   description="`payment_intent` is the one the subscription start returned. "
                               "`status` `active`: paid; still `incomplete`: Stripe has not "
                               "confirmed yet (the webhook will)." + ERRORS)
    def post(self, request: Request, reference: str) -> Response:
        subscription = get_object_or_404(subscriptions_for_user(acting_user(request)),
                                         reference=reference)
        data = s.PaymentSyncInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        subscription = subscriptions.subscription_sync(
            subscription=subscription, payment_intent=data.validated_data["payment_intent"])
        return Response(s.SubscriptionOutputSerializer(
            get_object_or_404(subscriptions_for_user(acting_user(request)),
                              reference=reference)).data)


class SubscriptionCancelApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="subscriptions_cancel", request=None,
                   responses=s.SubscriptionOutputSerializer,
                   summary="Cancel now (this period's credits stay valid until its end)")
    def post(self, request: Request, reference: str) -> Response:
        subscription = get_object_or_404(subscriptions_for_user(acting_user(request)),
                                          reference=reference)
        subscriptions.subscription_cancel(subscription=subscription, at_period_end=False)
        subscription.refresh_from_db()
        return Response(s.SubscriptionOutputSerializer(subscription).data)


def _my_booking(request: Request, booking_id: int) -> Any:
    return get_object_or_404(Booking.objects.select_related("space"),
                             pk=booking_id, member=acting_user(request))


class BookingQuoteApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="billing_booking_quote",
                   responses=s.BookingQuoteOutputSerializer,
                   summary="What my booking costs, by card and in credits")
    def get(self, request: Request, booking_id: int) -> Response:
        booking = _my_booking(request, booking_id)
        quote = booking_quote(booking)
        return Response(s.BookingQuoteOutputSerializer({
            "amount": quote.amount, "is_member_price": quote.is_member_price,
            "currency": quote.currency,
            "credits": None if quote.credit_units is None
            else units_to_credits(quote.credit_units),
            "covered_by_subscription": quote.covered_by_subscription,
            "credits_available": _credits_available(acting_user(request),
                                                    booking.space)}).data)


def _credits_available(user: Any, space: Any) -> Any:
    account = credit_account_get_or_create(user=user)
    return units_to_credits(sum(lot.balance for lot in spendable_lots(
        account, space=space, now=timezone.now())))


class SlotQuoteApi(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(operation_id="billing_slot_quote", parameters=[s.SlotQuoteInputSerializer],
                   responses=s.SlotQuoteOutputSerializer,
                   summary="What a slot would cost me, before booking it",
                   description="The card price (the place's member price when I hold an "
                               "active plan of the place; the public price for visitors), the "
                               "cost in credits and whether my unlimited plan covers it, by "
                               "the same rules as the checkout. A slot that cannot be booked "
                               "answers its booking error (closed, outside opening hours, "
                               "part not sold...). Unpublished places are 404." + ERRORS)
    def get(self, request: Request) -> Response:
        data = s.SlotQuoteInputSerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        query = data.validated_data
        space = get_object_or_404(Space.objects.published(), slug=query["space"])
        member = acting_user(request) if request.user.is_authenticated else None
        quote = quotes.slot_quote(
            member=member, space=space, resource_kind=query["kind"],
            slot=SlotRequest(date=query["date"], part=query.get("part"),
                             start_time=query.get("start_time"),
                             end_time=query.get("end_time")))
        return Response(s.SlotQuoteOutputSerializer({
            "amount": quote.amount, "public_amount": quote.public_amount,
            "is_member_price": quote.is_member_price, "currency": quote.currency,
            "credits": None if quote.credit_units is None
            else units_to_credits(quote.credit_units),
            "covered_by_subscription": quote.covered_by_subscription,
            "credits_available": _credits_available(member, space) if member else None}).data)


class BookingCancellationTermsApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="billing_booking_cancellation_terms",
                   responses=s.CancellationTermsOutputSerializer,
                   summary="What cancelling my booking now would give back",
                   description="Before the place's deadline everything comes back. After it "
                               "(`is_late`), the card payment is refunded by `refund_percent` "
                               "(BILLING_LATE_CANCELLATION_REFUND_PERCENT) with a credit note, "
                               "and credits are kept unless that is 100. Another member's "
                               "booking is a 404.")
    def get(self, request: Request, booking_id: int) -> Response:
        terms = quotes.booking_cancellation_terms(booking=_my_booking(request, booking_id))
        return Response(s.CancellationTermsOutputSerializer({
            **vars(terms), "credits_spent": units_to_credits(terms.credit_units_spent)}).data)


class BookingCheckoutApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="billing_booking_checkout", request=s.CheckoutInputSerializer,
                   responses=s.CheckoutOutputSerializer,
                   summary="Pay for my held booking with credits or by card",
                   description="`credits`: spent at once and the booking is confirmed. "
                               "`card`: like a purchase; the booking is confirmed when the "
                               "payment succeeds and released if it fails or the hold "
                               "expires." + ERRORS)
    def post(self, request: Request, booking_id: int) -> Response:
        booking = _my_booking(request, booking_id)
        data = s.CheckoutInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = booking_checkout(booking=booking, member=acting_user(request),
                                  method=data.validated_data["method"],
                                  payment_method=data.validated_data["payment_method"],
                                  save_card=data.validated_data["save_card"])
        return Response(s.CheckoutOutputSerializer({
            "booking_id": result.booking.pk, "booking_status": result.booking.status,
            "method": result.method,
            "credits_spent": units_to_credits(result.spend.units) if result.spend else None,
            "payment": _started(result.payment) if result.payment else None}).data)


class NoticeListApi(generics.ListAPIView[Any]):
    """My billing notices (failed payments, suspended plan, refunds...), newest first."""

    permission_classes = (IsAuthenticated,)
    serializer_class = s.BillingNoticeOutputSerializer

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return notices_for_user(None).none()  # type: ignore[arg-type]
        return notices_for_user(acting_user(self.request))


class ManagePaymentListApi(generics.ListAPIView[Payment]):
    """Payments collected for the operators I manage (network admins: all)."""

    permission_classes = (IsManager,)
    serializer_class = s.PaymentOutputSerializer

    @extend_schema(parameters=[OpenApiParameter("status", OpenApiTypes.STR,
                                                enum=Payment.Status.values)])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Payment]:
        if getattr(self, "swagger_fake_view", False):
            return Payment.objects.none()
        payments_qs = payments_for_manager(acting_user(self.request))
        wanted = self.request.query_params.get("status")
        return payments_qs.filter(status=wanted) if wanted else payments_qs


class ManagePaymentRefundApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(operation_id="manage_payments_refund", request=s.RefundInputSerializer,
                   responses={202: s.RefundOutputSerializer},
                   parameters=[OpenApiParameter("Idempotency-Key", OpenApiTypes.STR,
                                                OpenApiParameter.HEADER,
                                                description="Replays return the first refund")],
                   summary="Refund a payment (all, or part): executed at Stripe shortly, a "
                           "credit note follows", description=ERRORS)
    def post(self, request: Request, reference: str) -> Response:
        payment = get_object_or_404(payments_for_manager(acting_user(request)),
                                    reference=reference)
        data = s.RefundInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        amount = data.validated_data.get("amount", payment.amount - payment.amount_refunded)
        request_key = (request.headers.get("Idempotency-Key", "")[:64]
                       or str(payment.refunds.count() + 1))
        refund = payments.refund_request(payment=payment, amount=amount,
                                         reason=Refund.Reason.MANUAL, request_key=request_key)
        return Response(s.RefundOutputSerializer(refund).data, status=status.HTTP_202_ACCEPTED)


class ManageInvoiceListApi(generics.ListAPIView[Invoice]):
    """Invoices and credit notes issued in the name of the operators I manage."""

    permission_classes = (IsManager,)
    serializer_class = s.InvoiceOutputSerializer

    def get_queryset(self) -> QuerySet[Invoice]:
        if getattr(self, "swagger_fake_view", False):
            return Invoice.objects.none()
        return invoices_for_manager(acting_user(self.request))


class ManageInvoicePdfApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(operation_id="manage_invoices_pdf", responses=PDF_RESPONSE)
    def get(self, request: Request, reference: str) -> HttpResponse:
        return _pdf_response(get_object_or_404(invoices_for_manager(acting_user(request)),
                                               reference=reference))
