"""Domain errors: every refusal a user can meet has a stable code and a human message."""

from typing import Any


class DomainError(Exception):
    """Base for refusals raised by services; the API turns them into {code, message, fields}."""

    http_status = 400

    def __init__(self, code: str, message: Any, *, fields: dict[str, list[str]] | None = None,
                 http_status: int | None = None) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.fields = fields or {}
        if http_status is not None:
            self.http_status = http_status
