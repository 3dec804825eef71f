"""Refusals when managing places: a stable code, HTTP 400, a FR / EN message, the field."""

from enum import StrEnum

from ostal.core.errors import DomainError


class SpaceErrorCode(StrEnum):
    OPERATOR_NOT_MANAGED = "operator_not_managed"
    PASS_ACCEPTANCE_BY_NETWORK = "pass_acceptance_by_network"  # noqa: S105 (not a secret)


_MESSAGES: dict[SpaceErrorCode, tuple[str, str]] = {
    SpaceErrorCode.OPERATOR_NOT_MANAGED: (
        "operator", "Vous ne gérez pas cette structure. / You do not manage this operator."),
    SpaceErrorCode.PASS_ACCEPTANCE_BY_NETWORK: (
        "accepts_network_pass", "Seul le réseau décide de l'acceptation du Pass. / "
                                "Only the network decides which places accept the pass."),
}


class SpaceError(DomainError):
    """Reported on the field it concerns, like a validation error of that field."""

    def __init__(self, code: SpaceErrorCode) -> None:
        field, message = _MESSAGES[code]
        super().__init__(str(code), message, fields={field: [message]}, http_status=400)
        self.error_code = code


def error_catalogue() -> str:
    lines = ["| code | HTTP | message |", "|---|---|---|"]
    for code, (_field, message) in _MESSAGES.items():
        lines.append(f"| `{code}` | 400 | {message} |")
    return "\n".join(lines)
