"""Every refusal of the booking engine: a stable code, an HTTP status and a FR / EN message.

Clients branch on `code` (a closed list, published in the OpenAPI description); `message` is for
humans, French first then English, as in the rest of the API. Messages may take named
parameters (`{limit}`), filled from `BookingError(..., **params)`.
"""

from enum import StrEnum

from ostal.core.errors import CatalogueError


class BookingErrorCode(StrEnum):
    SLOT_TAKEN = "slot_taken"
    RESOURCE_BLOCKED = "resource_blocked"
    CLOSED = "closed"
    NO_STOP = "no_stop"
    OUTSIDE_OPENING_HOURS = "outside_opening_hours"
    PART_NOT_SOLD = "part_not_sold"
    TIMES_REQUIRED = "times_required"
    MISALIGNED = "misaligned"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    IN_THE_PAST = "in_the_past"
    TOO_SHORT_NOTICE = "too_short_notice"
    TOO_FAR_AHEAD = "too_far_ahead"
    NO_RESOURCE = "no_resource"
    OVER_CAPACITY = "over_capacity"
    UNKNOWN_RESOURCE = "unknown_resource"
    MEMBER_ALREADY_BOOKED = "member_already_booked"
    ACTIVE_LIMIT_REACHED = "active_limit_reached"
    DAILY_LIMIT_REACHED = "daily_limit_reached"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    NOT_ACTIVE = "not_active"
    TOO_LATE_TO_CANCEL = "too_late_to_cancel"
    TOO_LATE_TO_CHANGE = "too_late_to_change"
    ALREADY_STARTED = "already_started"
    HOLD_EXPIRED = "hold_expired"
    SERIES_EMPTY = "series_empty"
    SERIES_TOO_LONG = "series_too_long"
    WAITLIST_NOT_FULL = "waitlist_not_full"
    WAITLIST_ALREADY_JOINED = "waitlist_already_joined"
    WAITLIST_NOT_SOLD_BY_DAY = "waitlist_not_sold_by_day"
    OFFER_NOT_OPEN = "offer_not_open"
    OFFER_EXPIRED = "offer_expired"
    CHECK_IN_INVALID_CODE = "check_in_invalid_code"
    CHECK_IN_NOTHING_TO_CHECK_IN = "check_in_nothing_to_check_in"
    CHECK_IN_TOO_EARLY = "check_in_too_early"
    CHECK_IN_TOO_LATE = "check_in_too_late"
    CHECK_IN_NOT_CONFIRMED = "check_in_not_confirmed"
    NO_SHOW_TOO_EARLY = "no_show_too_early"
    BLOCK_OVERLAPS_BOOKINGS = "block_overlaps_bookings"
    UNKNOWN_MEMBER = "unknown_member"
    BUSY = "busy"
    AMBIGUOUS_LOCAL_TIME = "ambiguous_local_time"
    NONEXISTENT_LOCAL_TIME = "nonexistent_local_time"
    POLICY_EXISTS = "policy_exists"
    POLICY_DURATIONS = "policy_durations"


_MESSAGES: dict[BookingErrorCode, tuple[int, str]] = {
    BookingErrorCode.SLOT_TAKEN: (
        409, "Ce créneau vient d'être pris. / This slot has just been taken."),
    BookingErrorCode.RESOURCE_BLOCKED: (
        409, "Cette ressource est indisponible sur ce créneau (maintenance, événement). / "
             "This resource is unavailable at that time (maintenance, event)."),
    BookingErrorCode.CLOSED: (
        400, "Le lieu est fermé ce jour-là. / The place is closed on that day."),
    BookingErrorCode.NO_STOP: (
        400, "Le tiers-lieu itinérant ne fait pas étape ce jour-là. / "
             "The itinerant place has no stop scheduled on that day."),
    BookingErrorCode.OUTSIDE_OPENING_HOURS: (
        400, "Ce créneau est en dehors des heures d'ouverture. / "
             "This slot is outside opening hours."),
    BookingErrorCode.PART_NOT_SOLD: (
        400, "Cette ressource ne se réserve pas ainsi ici (unité de vente : {sale_unit}). / "
             "This resource is not sold that way here (sale unit: {sale_unit})."),
    BookingErrorCode.TIMES_REQUIRED: (
        400, "Indiquez une heure de début et de fin. / Give a start and an end time."),
    BookingErrorCode.MISALIGNED: (
        400, "Les horaires doivent tomber sur des tranches de {step} minutes. / "
             "Times must fall on {step}-minute steps."),
    BookingErrorCode.TOO_SHORT: (
        400, "Durée minimale : {minutes} minutes. / Minimum duration: {minutes} minutes."),
    BookingErrorCode.TOO_LONG: (
        400, "Durée maximale : {minutes} minutes. / Maximum duration: {minutes} minutes."),
    BookingErrorCode.IN_THE_PAST: (
        400, "Ce créneau est déjà passé. / This slot is in the past."),
    BookingErrorCode.TOO_SHORT_NOTICE: (
        400, "Il faut réserver au moins {minutes} minutes à l'avance. / "
             "Bookings must be made at least {minutes} minutes ahead."),
    BookingErrorCode.TOO_FAR_AHEAD: (
        400, "On ne peut pas réserver plus de {days} jours à l'avance. / "
             "Bookings open at most {days} days ahead."),
    BookingErrorCode.NO_RESOURCE: (
        400, "Ce lieu ne propose pas ce type de ressource. / "
             "This place has no resource of that kind."),
    BookingErrorCode.OVER_CAPACITY: (
        400, "Aucune ressource de ce lieu n'accueille {attendees} personnes. / "
             "No resource at this place holds {attendees} people."),
    BookingErrorCode.UNKNOWN_RESOURCE: (
        400, "Ressource inconnue dans ce lieu. / Unknown resource at this place."),
    BookingErrorCode.MEMBER_ALREADY_BOOKED: (
        409, "Vous avez déjà une réservation sur ce créneau. / "
             "You already have a booking at that time."),
    BookingErrorCode.ACTIVE_LIMIT_REACHED: (
        409, "Limite de {limit} réservations à venir atteinte dans ce lieu. / "
             "Limit of {limit} upcoming bookings reached at this place."),
    BookingErrorCode.DAILY_LIMIT_REACHED: (
        409, "Limite de {limit} réservation(s) par jour atteinte dans ce lieu. / "
             "Limit of {limit} booking(s) per day reached at this place."),
    BookingErrorCode.IDEMPOTENCY_KEY_REUSED: (
        409, "Cette clé d'idempotence a déjà servi pour une autre demande. / "
             "This idempotency key was already used for a different request."),
    BookingErrorCode.NOT_ACTIVE: (
        409, "Cette réservation n'est plus active. / This booking is no longer active."),
    BookingErrorCode.TOO_LATE_TO_CANCEL: (
        400, "Délai d'annulation dépassé ({minutes} minutes avant le début) : confirmez "
             "l'annulation tardive. / Cancellation deadline passed ({minutes} minutes before "
             "the start): confirm the late cancellation."),
    BookingErrorCode.TOO_LATE_TO_CHANGE: (
        400, "Trop tard pour modifier : au plus tard {minutes} minutes avant le début. / "
             "Too late to change: at the latest {minutes} minutes before the start."),
    BookingErrorCode.ALREADY_STARTED: (
        400, "Cette réservation a déjà commencé. / This booking has already started."),
    BookingErrorCode.HOLD_EXPIRED: (
        409, "Le délai de réservation a expiré. / The hold on this booking has expired."),
    BookingErrorCode.SERIES_EMPTY: (
        400, "Cette série ne contient aucune date. / This series has no date."),
    BookingErrorCode.SERIES_TOO_LONG: (
        400, "Une série compte au plus {limit} dates. / A series has at most {limit} dates."),
    BookingErrorCode.WAITLIST_NOT_FULL: (
        409, "Il reste de la place : réservez directement. / "
             "There is still room: book directly."),
    BookingErrorCode.WAITLIST_ALREADY_JOINED: (
        409, "Vous êtes déjà sur la liste d'attente. / You are already on the waiting list."),
    BookingErrorCode.WAITLIST_NOT_SOLD_BY_DAY: (
        400, "La liste d'attente concerne les postes vendus à la journée ou demi-journée. / "
             "Waiting lists exist for resources sold by the day or half-day."),
    BookingErrorCode.OFFER_NOT_OPEN: (
        409, "Aucune offre en cours pour cette inscription. / "
             "There is no open offer for this entry."),
    BookingErrorCode.OFFER_EXPIRED: (
        409, "L'offre a expiré. / The offer has expired."),
    BookingErrorCode.CHECK_IN_INVALID_CODE: (
        400, "Code de présence invalide. / Invalid check-in code."),
    BookingErrorCode.CHECK_IN_NOTHING_TO_CHECK_IN: (
        409, "Aucune réservation à valider maintenant dans ce lieu. / "
             "No booking to check in at this place now."),
    BookingErrorCode.CHECK_IN_TOO_EARLY: (
        400, "Trop tôt : la présence se valide {minutes} minutes avant le début au plus tôt. / "
             "Too early: check-in opens {minutes} minutes before the start."),
    BookingErrorCode.CHECK_IN_TOO_LATE: (
        400, "Cette réservation est terminée. / This booking is over."),
    BookingErrorCode.CHECK_IN_NOT_CONFIRMED: (
        409, "Cette réservation ne peut pas être validée (statut : {status}). / "
             "This booking cannot be checked in (status: {status})."),
    BookingErrorCode.NO_SHOW_TOO_EARLY: (
        400, "On ne peut déclarer une absence qu'après le début. / "
             "A no-show can only be marked after the start."),
    BookingErrorCode.BLOCK_OVERLAPS_BOOKINGS: (
        409, "Des réservations actives occupent ce créneau : annulez-les d'abord. / "
             "Active bookings use this slot: cancel them first."),
    BookingErrorCode.UNKNOWN_MEMBER: (
        400, "Aucun compte avec cette adresse e-mail. / No account with this e-mail address."),
    BookingErrorCode.BUSY: (
        409, "Trop de demandes simultanées, réessayez. / Too many simultaneous requests, "
             "please retry."),
    BookingErrorCode.AMBIGUOUS_LOCAL_TIME: (
        400, "{time} existe deux fois ce jour-là (passage à l'heure d'hiver) : choisissez un "
             "autre horaire. / {time} happens twice that day (the clocks go back): choose "
             "another time."),
    BookingErrorCode.NONEXISTENT_LOCAL_TIME: (
        400, "{time} n'existe pas ce jour-là (passage à l'heure d'été) : choisissez un autre "
             "horaire. / {time} does not exist that day (the clocks go forward): choose another "
             "time."),
    BookingErrorCode.POLICY_EXISTS: (
        400, "Ce lieu a déjà ses règles pour ce type de ressource : modifiez-les. / "
             "This place already has rules for that kind of resource: edit them."),
    BookingErrorCode.POLICY_DURATIONS: (
        400, "La durée maximale doit être au moins la durée minimale. / "
             "The maximum duration must be at least the minimum duration."),
}


class BookingError(CatalogueError):
    """A refusal from the booking engine; the API renders {code, message, fields}."""

    catalogue = _MESSAGES


def error_catalogue() -> str:
    return BookingError.catalogue_markdown()
