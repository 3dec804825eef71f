"""What Stripe's official library says the pinned API version accepts and returns.

stripe-python is generated from Stripe's OpenAPI description of ONE API version
(`LIBRARY_VERSION`): its `stripe.params.*Params` TypedDicts list each request's parameters
(required or not, enum values, nested shapes), and its resource classes (`stripe.PaymentIntent`,
their inner classes) list each object's fields. This module reads both:

- the contract tests (tests/contract/test_stripe_contract.py) check every request the gateway
  makes and every field it reads against them;
- the local bridge (tests/stripe_bridge.py) refuses a server-side request they would refuse
  and drops every field of localstripe's answers that the pinned version does not have.

`ENDPOINTS` names the endpoints Ostal's gateway calls, each with its parameter definition.
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, ForwardRef, Literal, NotRequired, Required, Union, get_args, get_origin

import stripe
import stripe.params
from stripe import _object_classes
from stripe._api_version import _ApiVersion
from stripe._list_object import ListObject
from stripe._request_options import RequestOptions
from stripe._stripe_object import StripeObject, UntypedStripeObject

LIBRARY_VERSION = _ApiVersion.CURRENT
_REQUEST_OPTIONS = frozenset(RequestOptions.__annotations__)


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # `{id}` stands for one path segment
    params: str  # the name of the library's TypedDict, in stripe.params

    def matches(self, method: str, path: str) -> bool:
        pattern = "^" + re.escape(self.path).replace(r"\{id\}", r"[^/]+") + "$"
        return method.upper() == self.method and re.match(pattern, path) is not None


ENDPOINTS = (
    Endpoint("POST", "/v1/customers", "CustomerCreateParams"),
    Endpoint("POST", "/v1/customers/{id}", "CustomerUpdateParams"),
    Endpoint("POST", "/v1/setup_intents", "SetupIntentCreateParams"),
    Endpoint("GET", "/v1/setup_intents/{id}", "SetupIntentRetrieveParams"),
    Endpoint("GET", "/v1/payment_methods", "PaymentMethodListParams"),
    Endpoint("GET", "/v1/payment_methods/{id}", "PaymentMethodRetrieveParams"),
    Endpoint("POST", "/v1/payment_methods/{id}/detach", "PaymentMethodDetachParams"),
    Endpoint("POST", "/v1/payment_intents", "PaymentIntentCreateParams"),
    Endpoint("GET", "/v1/payment_intents", "PaymentIntentListParams"),
    Endpoint("GET", "/v1/payment_intents/{id}", "PaymentIntentRetrieveParams"),
    Endpoint("POST", "/v1/payment_intents/{id}/confirm", "PaymentIntentConfirmParams"),
    Endpoint("POST", "/v1/payment_intents/{id}/cancel", "PaymentIntentCancelParams"),
    Endpoint("GET", "/v1/charges", "ChargeListParams"),
    Endpoint("POST", "/v1/refunds", "RefundCreateParams"),
    Endpoint("GET", "/v1/refunds", "RefundListParams"),
    Endpoint("GET", "/v1/refunds/{id}", "RefundRetrieveParams"),
    Endpoint("GET", "/v1/prices", "PriceListParams"),
    Endpoint("POST", "/v1/prices", "PriceCreateParams"),
    Endpoint("POST", "/v1/subscriptions", "SubscriptionCreateParams"),
    Endpoint("GET", "/v1/subscriptions", "SubscriptionListParams"),
    Endpoint("GET", "/v1/subscriptions/{id}", "SubscriptionRetrieveParams"),
    Endpoint("POST", "/v1/subscriptions/{id}", "SubscriptionUpdateParams"),
    Endpoint("DELETE", "/v1/subscriptions/{id}", "SubscriptionCancelParams"),
    Endpoint("GET", "/v1/invoices", "InvoiceListParams"),
    Endpoint("GET", "/v1/invoices/{id}", "InvoiceRetrieveParams"),
    Endpoint("GET", "/v1/invoice_payments", "InvoicePaymentListParams"),
    Endpoint("GET", "/v1/disputes", "DisputeListParams"),
    Endpoint("GET", "/v1/disputes/{id}", "DisputeRetrieveParams"),
)


def endpoint_for(method: str, path: str) -> Endpoint | None:
    return next((e for e in ENDPOINTS if e.matches(method, path)), None)


# --- Request parameters ----------------------------------------------------------------------

def params_class(name: str) -> Any:
    return getattr(stripe.params, name)


def _namespace(owner: Any) -> dict[str, Any]:
    module = sys.modules[owner.__module__]
    return {**vars(typing), **vars(module), "Literal": Literal, "Union": Union}


def _evaluate(annotation: Any, owner: Any) -> Any:
    """A forward reference of the library (`"Literal['a', 'b']|str"`, `"Charge"`) made real."""
    if isinstance(annotation, str):
        annotation = ForwardRef(annotation)
    if isinstance(annotation, ForwardRef):
        source = annotation.__forward_arg__
        try:
            return eval(source, _namespace(owner))
        except NameError:
            return _resource_class(source) or Any
    return annotation


def _strip(annotation: Any, owner: Any) -> Any:
    annotation = _evaluate(annotation, owner)
    while get_origin(annotation) in (NotRequired, Required):
        annotation = _evaluate(get_args(annotation)[0], owner)
    return annotation


def _members(annotation: Any, owner: Any) -> list[Any]:
    """The alternatives of a (possibly nested) union, each made real."""
    annotation = _strip(annotation, owner)
    if get_origin(annotation) is Union or type(annotation).__name__ == "UnionType":
        found: list[Any] = []
        for member in get_args(annotation):
            found.extend(_members(member, owner))
        return found
    return [annotation]


def _is_typed_dict(annotation: Any) -> bool:
    """The library's TypedDicts (typing_extensions' flavour, which typing.is_typeddict
    does not recognise on Python 3.11)."""
    return (isinstance(annotation, type) and issubclass(annotation, dict)
            and hasattr(annotation, "__required_keys__"))


def _fields(typed_dict: Any) -> dict[str, Any]:
    return {key: value for klass in reversed(typed_dict.__mro__)
            for key, value in getattr(klass, "__annotations__", {}).items()
            if key not in _REQUEST_OPTIONS}


def _required(typed_dict: Any) -> set[str]:
    return {key for key, value in _fields(typed_dict).items()
            if get_origin(_evaluate(value, typed_dict)) is not NotRequired
            and key in typed_dict.__required_keys__}


def param_problems(params_name: str, params: Mapping[str, Any]) -> list[str]:
    """What the pinned version would refuse in `params` (python values, or the strings of a
    decoded form body): unknown parameters, missing required ones, values outside an enum,
    values of the wrong kind. Empty when the request is valid."""
    problems: list[str] = []
    _check_dict(params_class(params_name), params, "", problems)
    return problems


def _check_dict(typed_dict: Any, value: Any, path: str, problems: list[str]) -> None:
    if not isinstance(value, Mapping):
        problems.append(f"{path or 'params'}: expected an object, got {value!r}")
        return
    fields = _fields(typed_dict)
    for key in sorted(_required(typed_dict) - set(value)):
        problems.append(f"{path}{key}: required by {LIBRARY_VERSION}")
    for key, item in value.items():
        if key not in fields:
            problems.append(f"{path}{key}: unknown parameter in {LIBRARY_VERSION}")
            continue
        _check_value(fields[key], typed_dict, item, f"{path}{key}", problems)


def _check_value(annotation: Any, owner: Any, value: Any, path: str,
                 problems: list[str]) -> None:
    members = _members(annotation, owner)
    literals = [arg for member in members if get_origin(member) is Literal
                for arg in get_args(member)]
    if literals and isinstance(value, str) and not isinstance(value, bool):
        if value not in [str(v) for v in literals] and value not in literals:
            problems.append(f"{path}: {value!r} is not one of {sorted(map(str, literals))}")
        return
    attempts: list[list[str]] = []
    for member in members:
        if get_origin(member) is Literal:
            continue
        found: list[str] = []
        _check_member(member, owner, value, path, found)
        if not found:
            return
        attempts.append(found)
    if attempts:
        problems.extend(min(attempts, key=len))
    elif literals:
        problems.append(f"{path}: {value!r} is not one of {sorted(map(str, literals))}")


def _check_member(member: Any, owner: Any, value: Any, path: str, problems: list[str]) -> None:
    origin = get_origin(member)
    if member is Any or member is object:
        return
    if _is_typed_dict(member):
        _check_dict(member, value, f"{path}.", problems)
    elif origin in (list, typing.List):  # noqa: UP006 - the library's spelling
        if not isinstance(value, list):
            problems.append(f"{path}: expected a list, got {value!r}")
            return
        (item,) = get_args(member) or (Any,)
        for index, element in enumerate(value):
            _check_value(item, owner, element, f"{path}[{index}]", problems)
    elif origin in (dict, typing.Dict) or member is dict or (  # noqa: UP006
            isinstance(member, type) and issubclass(member, UntypedStripeObject)) or (
            origin is not None and isinstance(origin, type)
            and issubclass(origin, UntypedStripeObject)):
        if not isinstance(value, Mapping):
            problems.append(f"{path}: expected an object, got {value!r}")
    elif member is bool:
        if not (isinstance(value, bool) or value in ("true", "false")):
            problems.append(f"{path}: expected a boolean, got {value!r}")
    elif member is int:
        if isinstance(value, bool) or not (isinstance(value, int) or (
                isinstance(value, str) and re.fullmatch(r"-?\d+", value))):
            problems.append(f"{path}: expected an integer, got {value!r}")
    elif member is float:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            problems.append(f"{path}: expected a number, got {value!r}")
    elif member is str:
        if not isinstance(value, str):
            problems.append(f"{path}: expected a string, got {value!r}")
    else:
        problems.append(f"{path}: cannot check {member!r}")


# --- Objects ---------------------------------------------------------------------------------

@cache
def _resource_class(name: str) -> Any:
    """A resource class by its class name (`Charge`) or aliases the library imports it by."""
    found = getattr(stripe, name, None) or getattr(stripe, name.removesuffix("Resource"), None)
    return found if isinstance(found, type) else None


def object_class(object_name: str) -> Any:
    """The resource class of an `object` value (`payment_intent` → stripe.PaymentIntent)."""
    entry = _object_classes.OBJECT_CLASSES.get(object_name)
    if entry is None:
        return None
    module, name = entry if isinstance(entry, tuple) else (entry.__module__, entry.__name__)
    return getattr(importlib.import_module(module), name)


def _field(cls: Any, name: str) -> Any:
    """The annotation of `cls.name` in the library, or None when the field does not exist."""
    for klass in cls.__mro__:
        annotations = inspect.get_annotations(klass)
        if name in annotations and not name.isupper():
            return annotations[name]
    return None


def _kinds(annotation: Any, owner: Any) -> list[Any]:
    """What a field can hold: classes (objects), ("list", item) for lists, "free" for
    free-form maps (metadata), or scalars (str, int...)."""
    kinds: list[Any] = []
    for member in _members(annotation, owner):
        origin = get_origin(member)
        if origin is not None and isinstance(origin, type) and issubclass(origin, ListObject):
            (item,) = get_args(member)
            kinds.append(("list", _strip(item, owner)))
        elif origin in (list, typing.List):  # noqa: UP006
            (item,) = get_args(member) or (Any,)
            kinds.append(("array", item))
        elif (isinstance(member, type) and issubclass(member, UntypedStripeObject)) or (
                origin is not None and isinstance(origin, type)
                and issubclass(origin, UntypedStripeObject)) or origin in (dict, typing.Dict):  # noqa: UP006
            kinds.append("free")
        else:
            kinds.append(member)
    return kinds


def has_path(object_name: str, path: str) -> bool:
    """Whether `path` (dotted; `[]` for a list element, e.g. `payments.data[].payment.type`)
    is a field of the object `object_name` in the pinned version."""
    current: list[Any] = [object_class(object_name)]
    for segment in re.findall(r"[^.\[\]]+|\[\]", path):
        following: list[Any] = []
        for kind in current:
            following.extend(_step(kind, segment))
        if not following:
            return False
        current = following
    return True


def _step(kind: Any, segment: str) -> list[Any]:
    if kind == "free":
        return ["free"] if segment != "[]" else []
    if isinstance(kind, tuple):
        tag, item = kind
        if tag == "array":
            return _kinds(item, object) if segment == "[]" else []
        if segment == "data":
            return [("array", item)]
        return [Any] if segment in ("object", "has_more", "url") else []
    if isinstance(kind, type) and issubclass(kind, StripeObject) and segment != "[]":
        annotation = _field(kind, segment)
        return _kinds(annotation, kind) if annotation is not None else []
    return []


def unknown_fields(obj: Mapping[str, Any], object_name: str | None = None) -> list[str]:
    """The fields of a JSON object (and of its nested objects) that the pinned version does
    not define: empty for an object of that version."""
    name = object_name or str(obj.get("object") or "")
    cls = object_class(name)
    if cls is None:
        return [f"{name}: not an object of {LIBRARY_VERSION}"]
    return list(_walk(obj, cls, name))


def _walk(obj: Mapping[str, Any], cls: Any, path: str) -> Iterator[str]:
    for key, value in obj.items():
        annotation = _field(cls, key)
        if annotation is None:
            yield f"{path}.{key}"
            continue
        yield from _walk_value(value, _kinds(annotation, cls), f"{path}.{key}")


def _walk_value(value: Any, kinds: list[Any], path: str) -> Iterator[str]:
    if isinstance(value, Mapping):
        target = _nested_class(value, kinds)
        if target == "free" or target is None:
            return
        if target == "list":
            item_kinds = [kind[1] for kind in kinds if isinstance(kind, tuple)
                          and kind[0] == "list"]
            for index, element in enumerate(value.get("data") or []):
                yield from _walk_value(element, [k for item in item_kinds
                                                 for k in _kinds(item, object)],
                                       f"{path}.data[{index}]")
            return
        yield from _walk(value, target, path)
    elif isinstance(value, list):
        item_kinds = [kind[1] for kind in kinds if isinstance(kind, tuple) and kind[0] == "array"]
        for index, element in enumerate(value):
            yield from _walk_value(element, [k for item in item_kinds
                                             for k in _kinds(item, object)], f"{path}[{index}]")


def _nested_class(value: Mapping[str, Any], kinds: list[Any]) -> Any:
    if "free" in kinds:
        return "free"
    if value.get("object") == "list" and any(isinstance(k, tuple) and k[0] == "list"
                                              for k in kinds):
        return "list"
    named = object_class(str(value.get("object") or ""))
    classes = [k for k in kinds if isinstance(k, type) and issubclass(k, StripeObject)]
    if named is not None and (named in classes or not classes):
        return named
    return classes[0] if classes else None


def prune(obj: Mapping[str, Any], object_name: str | None = None) -> dict[str, Any]:
    """`obj` without the fields the pinned version does not define (recursively)."""
    cls = object_class(object_name or str(obj.get("object") or ""))
    return _prune(obj, cls) if cls is not None else dict(obj)


def _prune(obj: Mapping[str, Any], cls: Any) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for key, value in obj.items():
        annotation = _field(cls, key)
        if annotation is not None:
            kept[key] = _prune_value(value, _kinds(annotation, cls))
    return kept


def _prune_value(value: Any, kinds: list[Any]) -> Any:
    if isinstance(value, Mapping):
        target = _nested_class(value, kinds)
        if target == "list":
            item_kinds = [k for kind in kinds if isinstance(kind, tuple) and kind[0] == "list"
                          for k in _kinds(kind[1], object)]
            return {**value, "data": [_prune_value(e, item_kinds)
                                      for e in value.get("data") or []]}
        if target == "free" or target is None:
            return dict(value)
        return _prune(value, target)
    if isinstance(value, list):
        item_kinds = [k for kind in kinds if isinstance(kind, tuple) and kind[0] == "array"
                      for k in _kinds(kind[1], object)]
        return [_prune_value(e, item_kinds) for e in value]
    return value
