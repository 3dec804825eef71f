"""One error format for the whole API: {"code": ..., "message": ..., "fields": {...}}.

Validation errors are 400 with a message per field; domain errors (DomainError subclasses raised
by services) carry their own code and HTTP status. Anything else propagates (a real 500).
"""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from ostal.core.errors import DomainError

# The codes the handler below gives DRF's own refusals (each APIException's default_code), the
# same on every endpoint: an endpoint's error enum in the schema lists them next to its domain
# codes (tests/security/test_openapi_exact.py checks both lists against DRF and the handler).
GENERIC_ERROR_CODES = [
    "invalid",                 # 400 ValidationError (and Django's), with field messages
    "parse_error",             # 400 malformed JSON / form body
    "not_authenticated",       # 403 (session auth: no 401)
    "authentication_failed",   # 403
    "permission_denied",       # 403
    "not_found",               # 404
    "method_not_allowed",      # 405
    "not_acceptable",          # 406
    "unsupported_media_type",  # 415
    "throttled",               # 429
    "error",                   # an APIException whose detail is not one message
]


def _flatten(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        return Response(
            {"code": exc.code, "message": str(exc.message), "fields": exc.fields},
            status=exc.http_status,
        )
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = _flatten(exc.detail)
        fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        first = next(iter(fields.values()), ["Invalid input."])
        message = first[0] if isinstance(first, list) and first else str(first)
        response.data = {"code": "invalid", "message": message, "fields": fields}
        response.status_code = status.HTTP_400_BAD_REQUEST
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else "error"
        response.data = {"code": code, "message": str(exc.detail), "fields": {}}
    return response
