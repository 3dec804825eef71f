"""Limits every API input shares, whichever endpoint reads it (issue 14, defect 4).

- Dates and instants: years 1900 to 2999 only. Python's dates end at year 9999 and begin at
  year 1, so arithmetic on an edge date ("the week after 9999-12-31", "the local day of
  0001-01-01 in Paris") overflowed into a 500. No booking, invoice or report of Ostal lives
  outside these years. The validator is the default of DRF's DateField and DateTimeField
  (installed by CoreConfig.ready), so every serializer gets it with a field message.
- JSON bodies: at most MAX_DEPTH levels of nesting (Python's parser gives up with a
  RecursionError near 1,000, and recursive code after it earlier); no NUL character in any
  string, key or form value (PostgreSQL text cannot hold one: a slug or a related key with a
  NUL reached the database as a 500). Checked once, right after parsing, with the field's name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from django.http import JsonResponse, QueryDict
from rest_framework import parsers
from rest_framework.exceptions import ValidationError

MIN_YEAR = 1900
MAX_YEAR = 2999
MAX_DEPTH = 32

YEAR_MESSAGE = (f"Année entre {MIN_YEAR} et {MAX_YEAR} / year between {MIN_YEAR} and "
                f"{MAX_YEAR}.")
DEPTH_MESSAGE = (f"JSON trop imbriqué (au plus {MAX_DEPTH} niveaux) / JSON nested too deeply "
                 f"(at most {MAX_DEPTH} levels).")
NUL_MESSAGE = "Le caractère nul n'est pas autorisé / NUL characters are not allowed."
BODY_FIELD = "non_field_errors"


def validate_year_range(value: dt.date | dt.datetime) -> None:
    """Default validator of every DateField and DateTimeField of the API."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(YEAR_MESSAGE, code="year_out_of_range")


def check_parsed(data: Any) -> None:
    """Refuse a parsed body nested deeper than MAX_DEPTH or holding a NUL character; the
    message names the top-level field where it was found. Iterative: no recursion to blow."""
    if isinstance(data, dict):
        stack: list[tuple[Any, int, str]] = [(value, 1, str(key)) for key, value in data.items()]
        keys: list[Any] = list(data)
    else:
        stack = [(data, 0, BODY_FIELD)]
        keys = []
    for key in keys:
        if isinstance(key, str) and "\x00" in key:
            raise ValidationError({BODY_FIELD: [NUL_MESSAGE]})
    while stack:
        value, depth, field = stack.pop()
        if depth > MAX_DEPTH:
            raise ValidationError({field: [DEPTH_MESSAGE]})
        if isinstance(value, str):
            if "\x00" in value:
                raise ValidationError({field: [NUL_MESSAGE]})
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and "\x00" in key:
                    raise ValidationError({field: [NUL_MESSAGE]})
                stack.append((item, depth + 1, field))
        elif isinstance(value, list):
            stack.extend((item, depth + 1, field) for item in value)


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None,
              parser_context: Mapping[str, Any] | None = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ValidationError({BODY_FIELD: [DEPTH_MESSAGE]}) from exc
        check_parsed(data)
        return data


def _check_form(data: QueryDict) -> None:
    for key, values in data.lists():
        if "\x00" in key or any(isinstance(v, str) and "\x00" in v for v in values):
            raise ValidationError({key.replace("\x00", "") or BODY_FIELD: [NUL_MESSAGE]})


class FormParser(parsers.FormParser):
    def parse(self, stream: Any, media_type: str | None = None,
              parser_context: Mapping[str, Any] | None = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        _check_form(data)
        return data


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream: Any, media_type: str | None = None,
              parser_context: Mapping[str, Any] | None = None) -> Any:
        parsed = super().parse(stream, media_type, parser_context)
        _check_form(parsed.data)
        return parsed


class AuthJsonLimitsMiddleware:
    """The same limits for allauth's headless API (/_allauth/), which parses JSON bodies
    itself: a 400 in allauth's own error shape instead of its RecursionError (a 500) on a
    body nested 1,000 deep. DRF views are checked by the parsers above (one parse only)."""

    PREFIX = "/_allauth/"

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        if (request.path.startswith(self.PREFIX) and request.method in ("POST", "PUT", "PATCH")
                and request.content_type == "application/json" and request.body):
            try:
                check_parsed(json.loads(request.body))
            except RecursionError:
                return _auth_error(BODY_FIELD, DEPTH_MESSAGE)
            except ValidationError as exc:
                detail: dict[str, list[str]] = exc.detail  # type: ignore[assignment]  # a dict
                field, messages = next(iter(detail.items()))
                return _auth_error(field, str(messages[0]))
            except ValueError:
                pass  # not JSON at all: allauth answers that itself
        return self.get_response(request)


def _auth_error(field: str, message: str) -> JsonResponse:
    error = {"message": message, "code": "invalid"}
    if field != BODY_FIELD:
        error["param"] = field
    return JsonResponse({"status": 400, "errors": [error]}, status=400)
