"""What Ostal holds on a person, section by section, for their export (GDPR art. 15 and 20).

Each section is a list of rows with every stored field of the person's records, except the
secrets that protect them (token hashes, which are not data about the person and would only
weaken the tokens). Reading across apps is this app's job: it sits at the top of the layers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db.models import Model, Q, QuerySet

from ostal.accounts.models import CommuteDeclaration, User
from ostal.billing.models import BillingProfile, Invoice, Payment, Refund
from ostal.bookings.models import Booking, WaitlistEntry
from ostal.calendars.models import CalendarFeed
from ostal.employers.models import EmployerBooking, Employment
from ostal.memberships.models import CreditAccount, CreditLedgerEntry, CreditLot, Subscription
from ostal.notifications.models import Notification, NotificationPreference

#: Fields never exported: they protect the records, they do not describe the person.
SECRET_FIELDS = frozenset({"password", "token_hash", "invitation_token_hash", "token"})


def _rows(queryset: QuerySet[Any]) -> list[dict[str, Any]]:
    return [{key: _plain(value) for key, value in row.items() if key not in SECRET_FIELDS}
            for row in queryset.values()]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Model):
        return value.pk
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def _profile(user: User) -> list[dict[str, Any]]:
    return [{"email": user.email, "first_name": user.first_name, "last_name": user.last_name,
             "language": user.language, "date_joined": _plain(user.date_joined),
             "last_login": _plain(user.last_login), "is_network_admin": user.is_network_admin,
             "is_active": user.is_active},
            *_rows(BillingProfile.objects.filter(user=user))]


def _credits(user: User) -> list[dict[str, Any]]:
    accounts = CreditAccount.objects.filter(user=user)
    return [{"lots": _rows(CreditLot.objects.filter(account__in=accounts).order_by("pk")),
             "ledger": _rows(CreditLedgerEntry.objects.filter(account__in=accounts)
                             .order_by("pk"))}]


#: The sections of an export, in order: (name, French title, English title, rows of `user`).
SECTIONS: list[tuple[str, str, str, Callable[[User], list[dict[str, Any]]]]] = [
    ("profile", "Profil", "Profile", _profile),
    ("bookings", "Réservations", "Bookings",
     lambda u: _rows(Booking.objects.filter(member=u).order_by("start", "pk"))),
    ("waiting_lists", "Listes d'attente", "Waiting lists",
     lambda u: _rows(WaitlistEntry.objects.filter(member=u).order_by("pk"))),
    ("payments", "Paiements", "Payments",
     lambda u: _rows(Payment.objects.filter(payer=u).order_by("pk"))),
    ("refunds", "Remboursements", "Refunds",
     lambda u: _rows(Refund.objects.filter(payment__payer=u).order_by("pk"))),
    ("invoices", "Factures", "Invoices",
     lambda u: _rows(Invoice.objects.filter(buyer=u).order_by("pk"))),
    ("credits", "Crédits", "Credits", _credits),
    ("subscriptions", "Abonnements", "Subscriptions",
     lambda u: _rows(Subscription.objects.filter(member=u).order_by("pk"))),
    ("calendar_feeds", "Flux de calendrier", "Calendar feeds",
     lambda u: _rows(CalendarFeed.objects.filter(owner=u).order_by("pk"))),
    ("commute", "Trajet domicile-travail", "Commute",
     lambda u: _rows(CommuteDeclaration.objects.filter(user=u))),
    ("employer", "Employeur", "Employer",
     lambda u: [{**row, "employer_name": name} for row, name in zip(
         _rows(Employment.objects.filter(Q(user=u) | Q(email__iexact=u.email)).order_by("pk")),
         Employment.objects.filter(Q(user=u) | Q(email__iexact=u.email)).order_by("pk")
         .values_list("employer__name", flat=True), strict=True)]),
    ("employer_bookings", "Réservations prises en charge", "Bookings paid by the employer",
     lambda u: _rows(EmployerBooking.objects.filter(employment__user=u).order_by("pk"))),
    ("notifications", "Notifications", "Notifications",
     lambda u: _rows(Notification.objects.filter(user=u).order_by("pk"))),
    ("preferences", "Préférences", "Preferences",
     lambda u: _rows(NotificationPreference.objects.filter(user=u))),
]
