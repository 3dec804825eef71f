"""POST /api/v1/billing/stripe/webhook/: Stripe's deliveries. No session, no CSRF: the
signature is the authentication (ostal.billing.services.webhooks)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.billing.api.serializers import WebhookAckOutputSerializer
from ostal.billing.services.webhooks import stripe_event_receive


class _RawParser(BaseParser):
    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return stream.read()


class StripeWebhookApi(APIView):
    authentication_classes = ()
    permission_classes = (AllowAny,)
    parser_classes = (_RawParser,)
    throttle_classes = ()

    @extend_schema(operation_id="billing_stripe_webhook", request=OpenApiTypes.OBJECT,
                   responses={200: WebhookAckOutputSerializer},
                   summary="Stripe webhook endpoint (signed by Stripe; not for the frontend)",
                   description="400 `invalid_signature` when the Stripe-Signature header does "
                               "not match or is dated outside the tolerance (5 minutes in the "
                               "past, 1 minute in the future); 400 `invalid_event` when the "
                               "body is not an event (id, type, data.object); 400 "
                               "`unexpected_api_version` when the event is not of the pinned "
                               "version (settings.STRIPE_API_VERSION); 200 otherwise, "
                               "`duplicate` when the event id was already received.")
    def post(self, request: Request) -> Response:
        payload = request.body
        _event, created = stripe_event_receive(
            payload=payload, signature=request.headers.get("Stripe-Signature", ""))
        return Response({"received": True, "duplicate": not created}, status=status.HTTP_200_OK)
