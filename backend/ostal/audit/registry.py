"""What the audit trail follows, in one place: each tracked model, its category (the filter
in the journal), the fields followed, and the operator its entries belong to.

django-auditlog records a create, an update of a followed field, a delete, and additions and
removals in a followed many-to-many (roles). Writes made with `QuerySet.update()` bypass model
signals; the state changes made that way (a refund's status set by the worker, an invoice's
PDF) are the system's own, not a person's decision."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.signals import pre_log
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models


def _own(instance: Any) -> int | None:
    return int(instance.pk)


def _field(name: str) -> Callable[[Any], int | None]:
    return lambda instance: getattr(instance, name)


def _space_operator(instance: Any) -> int | None:
    return int(instance.space.operator_id) if instance.space_id else None


def _payment_operator(instance: Any) -> int | None:
    return instance.payment.seller_operator_id


def _network(instance: Any) -> None:
    return None


def _holds_a_role(user: Any) -> bool:
    return bool(user.is_network_admin or user.is_staff or user.is_superuser)


@dataclass(frozen=True)
class Tracked:
    model: str  # app_label.ModelName
    category: str
    operator_of: Callable[[Any], int | None]
    fields: tuple[str, ...] = ()  # empty: every field but the bookkeeping ones
    m2m: tuple[str, ...] = ()
    exclude: tuple[str, ...] = field(default=("id", "created_at", "updated_at"))
    # A creation worth recording (default: all); a person signing up is not a role change.
    create_recorded: Callable[[Any], bool] = lambda instance: True


# Categories, as the journal's filter names them (fr / en in the SPA).
# A place's publication is its `is_published` field ("places"); published figures are their
# own record already (analytics.Publication: what, when, once, never changed).
CATEGORIES = ("prices", "rules", "places", "roles", "refunds", "invoices", "settlements",
              "credits", "employers")
CATEGORY_CHOICES = [(name, name) for name in CATEGORIES]

TRACKED: tuple[Tracked, ...] = (
    Tracked("spaces.Price", "prices", _space_operator),
    Tracked("memberships.Plan", "prices", _field("seller_operator_id"),
            fields=("name", "kind", "price", "currency", "credit_units", "validity_days",
                    "is_active", "space", "seller_operator")),
    Tracked("memberships.NetworkTariff", "prices", _network),
    Tracked("bookings.BookingPolicy", "rules", _space_operator),
    Tracked("spaces.OpeningHours", "rules", _space_operator),
    Tracked("spaces.Closure", "rules", _space_operator),
    Tracked("spaces.Resource", "places", _space_operator),
    Tracked("spaces.Space", "places", _field("operator_id"),
            fields=("operator", "name", "slug", "kind", "setting", "commune", "address",
                    "timezone", "accepts_network_pass", "is_published"),
            m2m=("services",)),
    Tracked("spaces.Operator", "roles", _own,
            fields=("name", "legal_form", "siret", "vat_number", "vat_status"),
            m2m=("managers", "front_desk")),
    Tracked("accounts.User", "roles", _network,
            fields=("is_network_admin", "is_staff", "is_superuser", "is_active"),
            create_recorded=_holds_a_role),
    Tracked("employers.Employer", "employers", _network,
            fields=("name", "legal_name", "siret", "vat_number"), m2m=("admins",)),
    Tracked("employers.Policy", "employers", _network, m2m=("allowed_spaces",)),
    Tracked("billing.Refund", "refunds", _payment_operator,
            fields=("payment", "amount", "currency", "reason", "status")),
    Tracked("billing.Invoice", "invoices", _field("seller_operator_id"),
            fields=("doc_type", "number", "seller_key", "issued_at", "currency", "total_net",
                    "total_vat", "total_gross", "credited_invoice", "paid_at")),
    Tracked("billing.Settlement", "settlements", _field("operator_id"),
            fields=("operator", "year", "month", "status", "amount_due", "currency",
                    "closed_at")),
    Tracked("memberships.CreditLot", "credits", _field("seller_operator_id"),
            fields=("credit_units_granted", "scope", "space", "source", "valid_from",
                    "expires_at", "value", "currency", "plan")),
)

_BY_MODEL: dict[type[models.Model], Tracked] = {}


def register_tracked_models() -> None:
    for tracked in TRACKED:
        model = apps.get_model(tracked.model)
        _BY_MODEL[model] = tracked
        options: dict[str, Any] = {"m2m_fields": set(tracked.m2m)}
        if tracked.fields:
            options["include_fields"] = list(tracked.fields)
        else:
            options["exclude_fields"] = list(tracked.exclude)
        auditlog.register(model, **options)
    pre_log.connect(_worth_recording, dispatch_uid="ostal.audit.worth_recording")


def _worth_recording(sender: Any, instance: Any, action: int, **kwargs: Any) -> bool | None:
    """pre_log receiver: False skips the entry (django-auditlog's documented switch)."""
    tracked = _BY_MODEL.get(sender)
    if tracked and action == LogEntry.Action.CREATE and not tracked.create_recorded(instance):
        return False
    return None


def tracked_model_labels(category: str) -> list[str]:
    return [t.model.lower() for t in TRACKED if t.category == category]


def entry_fields(instance: Any) -> dict[str, Any]:
    """The columns Ostal adds to an entry: the operator and the category; a person is named
    by id, never by address (the display resolves the current, possibly erased, name)."""
    tracked = _BY_MODEL[type(instance)]
    values: dict[str, Any] = {"operator_id": tracked.operator_of(instance),
                              "category": tracked.category}
    if isinstance(instance, get_user_model()):
        values["object_repr"] = f"#{instance.pk}"
    return values


def change_objects(changed: Any) -> list[str]:
    """The members of a many-to-many change as the journal stores them: a person by id
    (`#12`), never by e-mail address; anything else by its name."""
    user_model = get_user_model()
    return [f"#{item.pk}" if isinstance(item, user_model) else str(item) for item in changed]
