"""Refusals of the joining app, each with a stable code and a French / English message."""

from enum import StrEnum
from typing import ClassVar

from ostal.core.errors import CatalogueError


class JoiningErrorCode(StrEnum):
    TRANSITION_NOT_ALLOWED = "application_transition_not_allowed"
    TOO_MANY_REQUESTS = "application_rate_limited"
    SPAM = "application_refused_as_spam"
    DOCUMENT_INVALID = "application_document_invalid"
    OPERATOR_NAME_TAKEN = "application_operator_name_taken"
    CENSUS_FILE_INVALID = "census_file_invalid"
    CENSUS_NOT_CHECKED = "census_not_checked"


class JoiningError(CatalogueError):
    catalogue: ClassVar[dict[JoiningErrorCode, tuple[int, str]]] = {
        JoiningErrorCode.TRANSITION_NOT_ALLOWED: (
            409,
            "Une candidature « {current} » ne peut pas passer à « {target} ». / "
            "An application in “{current}” cannot move to “{target}”.",
        ),
        JoiningErrorCode.TOO_MANY_REQUESTS: (
            429,
            "Trop de candidatures envoyées depuis cette adresse ; réessayez plus tard. / "
            "Too many applications sent from this address; try again later.",
        ),
        JoiningErrorCode.SPAM: (400, "Candidature refusée. / Application refused."),
        JoiningErrorCode.DOCUMENT_INVALID: (
            400,
            "Document refusé : {reason} / Document refused: {reason_en}",
        ),
        JoiningErrorCode.OPERATOR_NAME_TAKEN: (
            400,
            "Une structure porte déjà ce nom ; choisissez le nom de la nouvelle structure. / "
            "An operator already has this name; choose the new operator's name.",
        ),
        JoiningErrorCode.CENSUS_FILE_INVALID: (
            400, "Fichier refusé : {reason}. / File refused: {reason_en}."),
        JoiningErrorCode.CENSUS_NOT_CHECKED: (
            409, "Cet import n'est pas prêt à être appliqué (déjà appliqué, ou en cours). / "
                 "This import is not ready to apply (already applied, or in progress)."),
    }
