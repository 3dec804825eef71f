"""Refusals of memberships and credits: a stable code, an HTTP status, a FR / EN message."""

from enum import StrEnum

from ostal.core.errors import CatalogueError


class MembershipErrorCode(StrEnum):
    INSUFFICIENT_CREDITS = "insufficient_credits"
    NOT_SOLD_IN_CREDITS = "not_sold_in_credits"
    OPERATION_KEY_REUSED = "operation_key_reused"
    PLAN_NOT_AVAILABLE = "plan_not_available"
    PLAN_NOT_RECURRING = "plan_not_recurring"
    PLAN_IS_RECURRING = "plan_is_recurring"
    PLAN_CHANGE_NOT_ALLOWED = "plan_change_not_allowed"
    ALREADY_SUBSCRIBED = "already_subscribed"
    SUBSCRIPTION_NOT_OPEN = "subscription_not_open"
    INVALID_TRANSITION = "invalid_transition"
    SPACE_NOT_MANAGED = "space_not_managed"


_MESSAGES: dict[MembershipErrorCode, tuple[int, str]] = {
    MembershipErrorCode.INSUFFICIENT_CREDITS: (
        409, "Crédits insuffisants : {needed} nécessaires, {available} disponibles ici. / "
             "Not enough credits: {needed} needed, {available} available here."),
    MembershipErrorCode.NOT_SOLD_IN_CREDITS: (
        400, "Cette ressource ne se réserve pas en crédits. / "
             "This resource cannot be booked with credits."),
    MembershipErrorCode.OPERATION_KEY_REUSED: (
        409, "Cette opération a déjà été enregistrée avec un autre montant. / "
             "This operation was already recorded with another amount."),
    MembershipErrorCode.PLAN_NOT_AVAILABLE: (
        400, "Cette offre n'est pas (ou plus) disponible. / This plan is not available."),
    MembershipErrorCode.PLAN_NOT_RECURRING: (
        400, "Cette offre n'est pas un abonnement : achetez-la. / "
             "This plan is not a subscription: buy it instead."),
    MembershipErrorCode.PLAN_IS_RECURRING: (
        400, "Cette offre est un abonnement : souscrivez-la. / "
             "This plan is a subscription: subscribe to it instead."),
    MembershipErrorCode.PLAN_CHANGE_NOT_ALLOWED: (
        400, "On ne peut passer qu'à un autre abonnement du même vendeur. / "
             "You can only switch to another subscription of the same seller."),
    MembershipErrorCode.ALREADY_SUBSCRIBED: (
        409, "Vous avez déjà cet abonnement. / You already have this subscription."),
    MembershipErrorCode.SUBSCRIPTION_NOT_OPEN: (
        409, "Cet abonnement est résilié. / This subscription is cancelled."),
    MembershipErrorCode.INVALID_TRANSITION: (
        409, "Changement d'état impossible : {from_status} → {to_status}. / "
             "Invalid status change: {from_status} → {to_status}."),
    MembershipErrorCode.SPACE_NOT_MANAGED: (
        400, "Vous ne gérez pas ce lieu. / You do not manage this place."),
}


class MembershipError(CatalogueError):
    catalogue = _MESSAGES


def error_catalogue() -> str:
    return MembershipError.catalogue_markdown()
