"""Refusals of the calendars app and outcomes of calendar imports: stable codes, FR / EN texts.

Two catalogues:
- `CalendarErrorCode`: what the API refuses (`CalendarError`, rendered {code, message, fields});
- `ImportErrorCode`: why an import failed as a whole (`ImportFailure`, stored on the calendar)
  or why one event of it was left out (a "problem" listed with the calendar). Managers read
  these messages to fix their calendar: they say what was wrong and what to do.
"""

from enum import StrEnum

from ostal.core.errors import CatalogueError, MessageParams


class CalendarErrorCode(StrEnum):
    FEED_KIND_SCOPE = "feed_kind_scope"
    FEED_NOT_MANAGER = "feed_not_manager"
    FEED_LIMIT_REACHED = "feed_limit_reached"
    CALENDAR_URL_INVALID = "calendar_url_invalid"
    CALENDAR_ALREADY_REGISTERED = "calendar_already_registered"
    CALENDAR_LIMIT_REACHED = "calendar_limit_reached"
    CALENDAR_RESOURCE_NOT_IN_SPACE = "calendar_resource_not_in_space"


_MESSAGES: dict[CalendarErrorCode, tuple[int, str]] = {
    CalendarErrorCode.FEED_KIND_SCOPE: (
        400, "Un abonnement « member » ne prend ni lieu ni ressource ; « space » prend un lieu ; "
             "« resource » prend une ressource. / A member feed takes no place or resource; a "
             "space feed takes a place; a resource feed takes a resource."),
    CalendarErrorCode.FEED_NOT_MANAGER: (
        403, "Seuls les gestionnaires du lieu peuvent s'abonner à son occupation. / Only the "
             "place's managers may subscribe to its occupancy."),
    CalendarErrorCode.FEED_LIMIT_REACHED: (
        409, "Limite de {limit} abonnements actifs atteinte : révoquez-en un. / Limit of {limit} "
             "active feeds reached: revoke one."),
    CalendarErrorCode.CALENDAR_URL_INVALID: (
        400, "Adresse refusée : {reason} / Address refused: {reason_en}"),
    CalendarErrorCode.CALENDAR_ALREADY_REGISTERED: (
        409, "Ce calendrier est déjà importé pour ce lieu. / This calendar is already imported "
             "for this place."),
    CalendarErrorCode.CALENDAR_LIMIT_REACHED: (
        409, "Limite de {limit} calendriers importés par lieu atteinte. / Limit of {limit} "
             "imported calendars per place reached."),
    CalendarErrorCode.CALENDAR_RESOURCE_NOT_IN_SPACE: (
        400, "Cette ressource n'appartient pas à ce lieu. / This resource does not belong to "
             "this place."),
}


class CalendarError(CatalogueError):
    """A refusal of the calendars API; rendered as {code, message, fields}."""

    catalogue = _MESSAGES


def calendar_error_catalogue() -> str:
    return CalendarError.catalogue_markdown()


class ImportErrorCode(StrEnum):
    # the whole import failed (the previous blocks stay)
    SCHEME_NOT_ALLOWED = "scheme_not_allowed"
    ADDRESS_NOT_ALLOWED = "address_not_allowed"
    DNS_FAILED = "dns_failed"
    CONNECTION_FAILED = "connection_failed"
    TIMEOUT = "timeout"
    TOO_LARGE = "too_large"
    HTTP_ERROR = "http_error"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    NOT_ICALENDAR = "not_icalendar"
    MALFORMED = "malformed"
    TOO_MANY_EVENTS = "too_many_events"
    PROCESSING_TIMEOUT = "processing_timeout"
    # one event left out (the rest is imported)
    INVALID_EVENT = "invalid_event"
    NO_DURATION = "no_duration"
    OVERLAPS_BOOKINGS = "overlaps_bookings"


IMPORT_MESSAGES: dict[ImportErrorCode, str] = {
    ImportErrorCode.SCHEME_NOT_ALLOWED: (
        "Seules les adresses http(s) (ou webcal) sont importées. / Only http(s) (or webcal) "
        "addresses are imported."),
    ImportErrorCode.ADDRESS_NOT_ALLOWED: (
        "Adresse réseau interdite (réseau privé, local ou réservé) : {detail}. / Network "
        "address not allowed (private, local or reserved network): {detail}."),
    ImportErrorCode.DNS_FAILED: (
        "Nom de serveur introuvable : {detail}. Vérifiez l'adresse. / Server name not found: "
        "{detail}. Check the address."),
    ImportErrorCode.CONNECTION_FAILED: (
        "Connexion impossible au serveur du calendrier ({detail}). / Could not connect to the "
        "calendar's server ({detail})."),
    ImportErrorCode.TIMEOUT: (
        "Le serveur du calendrier n'a pas répondu en {detail} s. / The calendar's server did not "
        "answer within {detail} s."),
    ImportErrorCode.TOO_LARGE: (
        "Le calendrier dépasse la taille maximale ({detail}). / The calendar is larger than the "
        "maximum size ({detail})."),
    ImportErrorCode.HTTP_ERROR: (
        "Le serveur du calendrier a répondu {detail} : l'adresse est-elle publique (ou secrète) "
        "et toujours valable ? / The calendar's server answered {detail}: is the address public "
        "(or secret) and still valid?"),
    ImportErrorCode.TOO_MANY_REDIRECTS: (
        "Trop de redirections. / Too many redirects."),
    ImportErrorCode.NOT_ICALENDAR: (
        "Ce n'est pas un fichier iCalendar (.ics) : {detail}. Utilisez l'adresse « iCal » ou "
        "« .ics » du calendrier. / This is not an iCalendar (.ics) file: {detail}. Use the "
        "calendar's \"iCal\" or \".ics\" address."),
    ImportErrorCode.MALFORMED: (
        "Fichier iCalendar illisible : {detail}. / Unreadable iCalendar file: {detail}."),
    ImportErrorCode.TOO_MANY_EVENTS: (
        "Trop d'événements sur la période importée ({detail}). / Too many events over the "
        "imported period ({detail})."),
    ImportErrorCode.PROCESSING_TIMEOUT: (
        "Le calendrier est trop long à lire (récurrences trop fréquentes ?). / The calendar "
        "takes too long to read (too frequent recurrences?)."),
    ImportErrorCode.INVALID_EVENT: (
        "Événement illisible, ignoré : {detail}. / Unreadable event, left out: {detail}."),
    ImportErrorCode.NO_DURATION: (
        "Événement sans durée, ignoré. / Event without a duration, left out."),
    ImportErrorCode.OVERLAPS_BOOKINGS: (
        "Chevauche des réservations Ostal ({detail}) : non bloqué. Annulez ou déplacez-les, "
        "puis relancez l'import. / Overlaps Ostal bookings ({detail}): not blocked. Cancel or "
        "move them, then import again."),
}


def import_message(code: ImportErrorCode, detail: str = "") -> str:
    return IMPORT_MESSAGES[code].format_map(MessageParams(detail=detail))


class ImportFailure(Exception):
    """An import that failed as a whole: fetching or reading the calendar went wrong."""

    def __init__(self, code: ImportErrorCode, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail

    @property
    def message(self) -> str:
        return import_message(self.code, self.detail)
