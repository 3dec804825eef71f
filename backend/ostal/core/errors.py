"""Domain errors: every refusal a user can meet has a stable code and a human message."""

from collections.abc import Mapping
from typing import Any, ClassVar


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


class MessageParams(dict[str, Any]):
    """Values for a message template; a missing one reads "?" rather than failing."""

    def __missing__(self, key: str) -> str:
        return "?"


class CatalogueError(DomainError):
    """A refusal whose code picks its HTTP status and FR / EN message template from the
    subclass's `catalogue`; keyword `params` fill the template's {placeholders}."""

    catalogue: ClassVar[Mapping[Any, tuple[int, str]]] = {}

    def __init__(self, code: Any, *, fields: dict[str, list[str]] | None = None,
                 **params: Any) -> None:
        status, template = self.catalogue[code]
        self.params = params
        super().__init__(str(code), template.format_map(MessageParams(params)), fields=fields,
                         http_status=status)
        self.error_code = code

    @classmethod
    def catalogue_markdown(cls) -> str:
        """Markdown table of every code, for the OpenAPI descriptions."""
        lines = ["| code | HTTP | message |", "|---|---|---|"]
        for code, (status, template) in cls.catalogue.items():
            lines.append(f"| `{code}` | {status} | {template} |")
        return "\n".join(lines)
