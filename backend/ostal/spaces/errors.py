"""Refusals when managing places: a stable code, HTTP 400, a FR / EN message, the field."""

from enum import StrEnum
from typing import Any

from ostal.core.errors import DomainError


class SpaceErrorCode(StrEnum):
    OPERATOR_NOT_MANAGED = "operator_not_managed"
    PASS_ACCEPTANCE_BY_NETWORK = "pass_acceptance_by_network"  # noqa: S105 (not a secret)
    BAD_VERSION = "bad_version"
    PHOTO_NOT_AN_IMAGE = "photo_not_an_image"
    PHOTO_TOO_LARGE = "photo_too_large"
    PHOTO_TOO_MANY_PIXELS = "photo_too_many_pixels"
    PHOTO_LIMIT_REACHED = "photo_limit_reached"
    PHOTO_ORDER_MISMATCH = "photo_order_mismatch"
    ROW_EXISTS = "row_exists"
    STOP_DATES_INVALID = "stop_dates_invalid"
    STOP_DAY_TAKEN = "stop_day_taken"
    NOT_A_SECURITY_FEATURE = "not_a_security_feature"
    FEATURE_NOT_DECLARED = "feature_not_declared"
    DATE_IN_FUTURE = "date_in_future"
    CHARTER_DATE_IN_FUTURE = "charter_date_in_future"
    HOURS_INVALID = "hours_invalid"


_MESSAGES: dict[SpaceErrorCode, tuple[str, str]] = {
    SpaceErrorCode.OPERATOR_NOT_MANAGED: (
        "operator", "Vous ne gérez pas cette structure. / You do not manage this operator."),
    SpaceErrorCode.PASS_ACCEPTANCE_BY_NETWORK: (
        "accepts_network_pass", "Seul le réseau décide de l'acceptation du Pass. / "
                                "Only the network decides which places accept the pass."),
    SpaceErrorCode.BAD_VERSION: (
        "version", "Version illisible : rechargez la page. / Unreadable version: reload the page."),
    SpaceErrorCode.PHOTO_NOT_AN_IMAGE: (
        "image", "Ce fichier n'est pas une image JPEG, PNG ou WebP. / "
                 "This file is not a JPEG, PNG or WebP image."),
    SpaceErrorCode.PHOTO_TOO_LARGE: (
        "image", "La photo dépasse 5 Mo. / The photo is larger than 5 MB."),
    SpaceErrorCode.PHOTO_TOO_MANY_PIXELS: (
        "image", "La photo dépasse 40 mégapixels. / The photo exceeds 40 megapixels."),
    SpaceErrorCode.PHOTO_LIMIT_REACHED: (
        "image", "Un lieu a au plus 12 photos : retirez-en une d'abord. / "
                 "A place has at most 12 photos: remove one first."),
    SpaceErrorCode.PHOTO_ORDER_MISMATCH: (
        "order", "L'ordre doit citer chaque photo du lieu une fois. / "
                 "The order must list each photo of the place once."),
    SpaceErrorCode.ROW_EXISTS: (
        "non_field_errors", "Existe déjà / already exists."),
    SpaceErrorCode.STOP_DATES_INVALID: (
        "dates", "Choisissez au moins un jour, chacun une fois, et une fermeture après "
                 "l'ouverture. / Choose at least one day, each once, and closing after opening."),
    SpaceErrorCode.STOP_DAY_TAKEN: (
        "dates", "Le camion a déjà un arrêt l'un de ces jours : déplacez-le ou retirez ce jour. / "
                 "The truck already stops on one of these days: move that stop or leave the "
                 "day out."),
    SpaceErrorCode.NOT_A_SECURITY_FEATURE: (
        "service", "Ce service n'est pas une caractéristique de sécurité. / "
                   "This service is not a security feature."),
    SpaceErrorCode.FEATURE_NOT_DECLARED: (
        "service", "Le lieu ne déclare pas cette caractéristique : seul ce qu'il déclare se "
                   "vérifie. / The place does not declare this feature: only what it declares "
                   "is verified."),
    SpaceErrorCode.DATE_IN_FUTURE: (
        "verified_on", "La date de vérification ne peut pas être dans le futur. / "
                       "The verification date cannot be in the future."),
    SpaceErrorCode.CHARTER_DATE_IN_FUTURE: (
        "signed_on", "La date de signature ne peut pas être dans le futur. / "
                     "The signature date cannot be in the future."),
    SpaceErrorCode.HOURS_INVALID: (
        "hours", "Chaque plage ferme après son ouverture, sans chevaucher une autre plage du même "
                 "jour, au plus 4 plages par jour. / Each range closes after it opens, without "
                 "overlapping another range of the same day, at most 4 ranges a day."),
}


class SpaceError(DomainError):
    """Reported on the field it concerns, like a validation error of that field."""

    def __init__(self, code: SpaceErrorCode) -> None:
        field, message = _MESSAGES[code]
        super().__init__(str(code), message, fields={field: [message]}, http_status=400)
        self.error_code = code


class SpaceConflict(DomainError):
    """Someone saved the same row since the caller read it (its version changed): 409, and the
    API answers with the row's current values so the second editor can look and decide."""

    def __init__(self, current: Any) -> None:
        super().__init__(
            "stale_version",
            "Quelqu'un d'autre a enregistré une modification entre-temps : voici les valeurs "
            "actuelles, vérifiez-les puis enregistrez à nouveau. / Someone else saved a change "
            "in the meantime: here are the current values; check them and save again.",
            http_status=409)
        self.current = current


def error_catalogue() -> str:
    lines = ["| code | HTTP | message |", "|---|---|---|"]
    for code, (_field, message) in _MESSAGES.items():
        lines.append(f"| `{code}` | 400 | {message} |")
    return "\n".join(lines)
