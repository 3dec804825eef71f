"""Refusals of the employers app: a stable code, an HTTP status, a FR / EN message.

The POLICY_* codes are what an employee sees when their employer's policy does not pay for a
booking: each says exactly which rule refused it."""

from enum import StrEnum

from ostal.core.errors import CatalogueError


class EmployerErrorCode(StrEnum):
    NOT_AN_EMPLOYEE = "not_an_employee"
    POLICY_WEEKDAY = "policy_weekday"
    POLICY_RESOURCE_KIND = "policy_resource_kind"
    POLICY_PLACE = "policy_place"
    POLICY_DEPARTMENT = "policy_department"
    POLICY_DISTANCE = "policy_distance"
    POLICY_HOME_UNKNOWN = "policy_home_unknown"
    POLICY_SECURE_ONLY = "policy_secure_only"
    POLICY_PASS_NOT_ACCEPTED = "policy_pass_not_accepted"  # noqa: S105 (not a password)
    POLICY_WEEKLY_ALLOWANCE = "policy_weekly_allowance"
    POLICY_MONTHLY_ALLOWANCE = "policy_monthly_allowance"
    BUNDLE_EXHAUSTED = "bundle_exhausted"
    EMPLOYEE_SHARE_METHOD = "employee_share_method"
    INVITATION_INVALID = "invitation_invalid"
    INVITATION_OTHER_EMAIL = "invitation_other_email"
    JOIN_DOMAIN = "join_domain"
    ALREADY_EMPLOYED = "already_employed"
    ALREADY_INVITED = "already_invited"
    EMPLOYMENT_NOT_OPEN = "employment_not_open"
    COST_CENTRE_FOREIGN = "cost_centre_foreign"
    PLAN_NOT_A_BUNDLE = "plan_not_a_bundle"
    PURCHASE_ORDER_REQUIRED = "purchase_order_required"
    SERVICE_CODE_REQUIRED = "service_code_required"
    ORDER_NOT_AWAITING_TRANSFER = "order_not_awaiting_transfer"
    LAST_ADMIN = "last_admin"


_MESSAGES: dict[EmployerErrorCode, tuple[int, str]] = {
    EmployerErrorCode.NOT_AN_EMPLOYEE: (
        403, "Aucun employeur ne prend en charge vos réservations. / "
             "No employer pays for your bookings."),
    EmployerErrorCode.POLICY_WEEKDAY: (
        409, "Votre employeur ne prend pas en charge le {weekday}. / "
             "Your employer does not pay for this weekday ({weekday})."),
    EmployerErrorCode.POLICY_RESOURCE_KIND: (
        409, "Votre employeur ne prend pas en charge ce type d'espace ({kind}). / "
             "Your employer does not pay for this kind of space ({kind})."),
    EmployerErrorCode.POLICY_PLACE: (
        409, "Ce lieu ne fait pas partie des lieux choisis par votre employeur. / "
             "This place is not one of the places your employer chose."),
    EmployerErrorCode.POLICY_DEPARTMENT: (
        409, "Votre employeur ne prend en charge que les lieux de ces départements : "
             "{departments}. / Your employer only pays for places in: {departments}."),
    EmployerErrorCode.POLICY_DISTANCE: (
        409, "Ce lieu est à {distance} km de votre commune ; votre employeur prend en charge "
             "les lieux à moins de {limit} km. / This place is {distance} km from your home "
             "commune; your employer pays for places within {limit} km."),
    EmployerErrorCode.POLICY_HOME_UNKNOWN: (
        409, "Votre employeur prend en charge les lieux proches de chez vous : indiquez votre "
             "commune de résidence (Mon trajet). / Your employer pays for places near your "
             "home: declare your home commune (My commute)."),
    EmployerErrorCode.POLICY_SECURE_ONLY: (
        409, "Votre employeur ne prend en charge que les lieux sécurisés (bureau fermé, "
             "réseau filaire isolé, casiers, accès par badge, vérifiés par le réseau). / Your "
             "employer only pays for secure places (private room, isolated wired network, "
             "lockers, badge access, verified by the network)."),
    EmployerErrorCode.POLICY_PASS_NOT_ACCEPTED: (
        409, "Ce lieu n'accepte pas le Pass télétravail. / "
             "This place does not accept the Pass télétravail."),
    EmployerErrorCode.POLICY_WEEKLY_ALLOWANCE: (
        409, "Vous avez utilisé les {limit} jours pris en charge cette semaine "
             "({used} utilisés). / You have used the {limit} days paid for this week "
             "({used} used)."),
    EmployerErrorCode.POLICY_MONTHLY_ALLOWANCE: (
        409, "Vous avez utilisé les {limit} jours pris en charge ce mois-ci "
             "({used} utilisés). / You have used the {limit} days paid for this month "
             "({used} used)."),
    EmployerErrorCode.BUNDLE_EXHAUSTED: (
        409, "Le forfait de votre employeur est épuisé ({available} crédits restants, "
             "{needed} nécessaires). / Your employer's bundle is used up ({available} credits "
             "left, {needed} needed)."),
    EmployerErrorCode.EMPLOYEE_SHARE_METHOD: (
        400, "Choisissez comment payer votre part : crédits ou carte. / "
             "Choose how to pay your share: credits or card."),
    EmployerErrorCode.INVITATION_INVALID: (
        404, "Cette invitation n'existe pas ou n'est plus valable. / "
             "This invitation does not exist or is no longer valid."),
    EmployerErrorCode.INVITATION_OTHER_EMAIL: (
        403, "Cette invitation a été envoyée à une autre adresse e-mail. / "
             "This invitation was sent to another e-mail address."),
    EmployerErrorCode.JOIN_DOMAIN: (
        403, "Ce lien est réservé aux adresses @{domain}. / "
             "This link is for @{domain} addresses only."),
    EmployerErrorCode.ALREADY_EMPLOYED: (
        409, "Ce compte est déjà rattaché à un employeur. / "
             "This account is already linked to an employer."),
    EmployerErrorCode.ALREADY_INVITED: (
        409, "{email} est déjà invité(e) ou salarié(e). / {email} is already invited or an "
             "employee."),
    EmployerErrorCode.EMPLOYMENT_NOT_OPEN: (
        409, "Ce salarié a déjà quitté l'entreprise. / This employee has already left."),
    EmployerErrorCode.COST_CENTRE_FOREIGN: (
        400, "Ce centre de coûts n'appartient pas à cet employeur. / "
             "This cost centre belongs to another employer."),
    EmployerErrorCode.PLAN_NOT_A_BUNDLE: (
        400, "Les employeurs achètent des carnets Pass télétravail. / "
             "Employers buy Pass télétravail carnets."),
    EmployerErrorCode.PURCHASE_ORDER_REQUIRED: (
        400, "Un employeur public doit indiquer la référence de son bon de commande. / "
             "A public employer must give its purchase-order reference."),
    EmployerErrorCode.SERVICE_CODE_REQUIRED: (
        400, "Votre structure Chorus Pro exige un code service sur ses factures. / "
             "Your Chorus Pro structure requires a service code on its invoices."),
    EmployerErrorCode.ORDER_NOT_AWAITING_TRANSFER: (
        409, "Cette commande n'attend pas de virement. / "
             "This order is not awaiting a bank transfer."),
    EmployerErrorCode.LAST_ADMIN: (
        409, "Un employeur garde au moins un administrateur. / "
             "An employer keeps at least one admin."),
}


class EmployerError(CatalogueError):
    catalogue = _MESSAGES


def error_catalogue() -> str:
    return EmployerError.catalogue_markdown()
