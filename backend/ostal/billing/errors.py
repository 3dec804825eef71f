"""Refusals of billing: a stable code, an HTTP status and a FR / EN message."""

from enum import StrEnum

from ostal.core.errors import CatalogueError


class BillingErrorCode(StrEnum):
    INVALID_AMOUNT = "invalid_amount"
    UNSUPPORTED_CURRENCY = "unsupported_currency"
    NO_PRICE = "no_price"
    PAYMENT_METHOD_REQUIRED = "payment_method_required"
    PAYMENT_METHOD_NOT_YOURS = "payment_method_not_yours"
    FOREIGN_PAYMENT_INTENT = "foreign_payment_intent"
    FOREIGN_SETUP_INTENT = "foreign_setup_intent"
    PAYMENT_NOT_PAYABLE = "payment_not_payable"
    CARD_DECLINED = "card_declined"
    PROVIDER_UNAVAILABLE = "provider_unavailable"
    PROVIDER_REFUSED = "provider_refused"
    PROVIDER_MISMATCH = "provider_mismatch"
    INVALID_SIGNATURE = "invalid_signature"
    INVALID_EVENT = "invalid_event"
    UNEXPECTED_API_VERSION = "unexpected_api_version"
    SETUP_NOT_CONFIRMED = "setup_not_confirmed"
    BOOKING_NOT_PAYABLE = "booking_not_payable"
    BOOKING_ALREADY_PAID = "booking_already_paid"
    REFUND_TOO_LARGE = "refund_too_large"
    INVALID_REFUND_AMOUNT = "invalid_refund_amount"
    NOTHING_TO_REFUND = "nothing_to_refund"
    INVOICE_IDENTIFIER_MISSING = "invoice_identifier_missing"
    EINVOICING_SIRET_REQUIRED = "einvoicing_siret_required"
    PLATFORM_IDENTIFIER_INVALID = "platform_identifier_invalid"
    EINVOICE_NOT_FAILED = "einvoice_not_failed"


_MESSAGES: dict[BillingErrorCode, tuple[int, str]] = {
    BillingErrorCode.INVALID_AMOUNT: (
        400, "Montant invalide. / Invalid amount."),
    BillingErrorCode.UNSUPPORTED_CURRENCY: (
        400, "Devise non prise en charge (euro uniquement). / Unsupported currency (EUR only)."),
    BillingErrorCode.NO_PRICE: (
        400, "Ce lieu n'a pas de tarif pour cette réservation. / "
             "This place has no price for this booking."),
    BillingErrorCode.PAYMENT_METHOD_REQUIRED: (
        400, "Choisissez une carte enregistrée. / Choose a saved card."),
    BillingErrorCode.PAYMENT_METHOD_NOT_YOURS: (
        400, "Cette carte n'est pas enregistrée sur votre compte. / "
             "This card is not saved on your account."),
    BillingErrorCode.FOREIGN_PAYMENT_INTENT: (
        400, "Ce paiement ne correspond pas à cette demande. / "
             "This payment intent does not belong to this payment."),
    BillingErrorCode.FOREIGN_SETUP_INTENT: (
        400, "Cet enregistrement de carte ne vous appartient pas. / "
             "This card setup does not belong to you."),
    BillingErrorCode.PAYMENT_NOT_PAYABLE: (
        409, "Ce paiement n'est plus en attente. / This payment is no longer pending."),
    BillingErrorCode.CARD_DECLINED: (
        402, "Paiement refusé par la banque : {reason}. / Payment declined: {reason}."),
    BillingErrorCode.PROVIDER_UNAVAILABLE: (
        503, "Le service de paiement ne répond pas, réessayez. / "
             "The payment service is unavailable, please retry."),
    BillingErrorCode.PROVIDER_REFUSED: (
        502, "Le service de paiement a refusé la demande : {reason}. / "
             "The payment service refused the request: {reason}."),
    BillingErrorCode.PROVIDER_MISMATCH: (
        409, "Le paiement reçu ne correspond pas (montant ou devise). / "
             "The payment received does not match (amount or currency)."),
    BillingErrorCode.INVALID_SIGNATURE: (
        400, "Signature du webhook invalide. / Invalid webhook signature."),
    BillingErrorCode.INVALID_EVENT: (
        400, "Ce n'est pas un événement Stripe (id, type et objet attendus). / "
             "Not a Stripe event (an id, a type and an object are expected)."),
    BillingErrorCode.SETUP_NOT_CONFIRMED: (
        409, "La carte n'est pas encore confirmée (statut : {status}) : terminez la saisie "
             "de la carte, puis réessayez. / The card is not confirmed yet (status: {status}): "
             "finish entering the card, then retry."),
    BillingErrorCode.UNEXPECTED_API_VERSION: (
        400, "Version d'API inattendue : {version}. / Unexpected API version: {version}."),
    BillingErrorCode.BOOKING_NOT_PAYABLE: (
        409, "Cette réservation ne peut pas être payée (statut : {status}). / "
             "This booking cannot be paid (status: {status})."),
    BillingErrorCode.BOOKING_ALREADY_PAID: (
        409, "Cette réservation est déjà réglée. / This booking is already paid."),
    BillingErrorCode.REFUND_TOO_LARGE: (
        400, "Le remboursement dépasse le montant restant ({refundable}). / "
             "The refund exceeds the refundable amount ({refundable})."),
    BillingErrorCode.INVALID_REFUND_AMOUNT: (
        400, "Le montant à rembourser doit être positif. / "
             "The amount to refund must be positive."),
    BillingErrorCode.NOTHING_TO_REFUND: (
        409, "Rien à rembourser sur ce paiement. / Nothing to refund on this payment."),
    BillingErrorCode.INVOICE_IDENTIFIER_MISSING: (
        400, "Facture électronique impossible, il manque : {missing}. / "
             "Cannot issue the e-invoice, missing: {missing}."),
    BillingErrorCode.EINVOICING_SIRET_REQUIRED: (
        400, "Renseignez d'abord le SIRET de la structure : la plateforme l'exige. / "
             "Enter the organisation's SIRET first: the platform requires it."),
    BillingErrorCode.PLATFORM_IDENTIFIER_INVALID: (
        400, "Identifiant de plateforme invalide : le SIREN de la structure ({siren}), "
             "éventuellement suivi de _SIRET ou _code. / Invalid platform identifier: the "
             "organisation's SIREN ({siren}), optionally followed by _SIRET or _code."),
    BillingErrorCode.EINVOICE_NOT_FAILED: (
        409, "Cette facture n'est pas en échec de transmission. / "
             "This invoice has not failed to be transmitted."),
}


class BillingError(CatalogueError):
    catalogue = _MESSAGES


def error_catalogue() -> str:
    return BillingError.catalogue_markdown()
