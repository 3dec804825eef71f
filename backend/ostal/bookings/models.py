"""Bookings: who holds which resource when, the rules per place, blocks, series, waiting lists.

Times are aware UTC instants, half-open [start, end). Business rules (opening hours, half-days)
are evaluated in the space's time zone by `ostal.bookings.schedule`; `local_date` records the
local day a booking belongs to (a booking never spans two local days).

The last line of defence against double booking is a PostgreSQL exclusion constraint added by
migration 0002 (see docs/adr/0002-booking-overlaps.md); it is not declared in Meta because the
embedded default (SQLite) cannot express it.
"""

import secrets
import uuid
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ostal.bookings.querysets import BookingQuerySet
from ostal.core.models import BaseModel
from ostal.spaces.models import Resource, Space


class Part(models.TextChoices):
    """Which part of a local day a booking covers; `custom` = explicit start/end times."""

    DAY = "day", _("journée")
    MORNING = "morning", _("matinée")
    AFTERNOON = "afternoon", _("après-midi")
    CUSTOM = "custom", _("horaires")


class DayPart(models.TextChoices):
    """The parts one can ask for by name (search, waiting list)."""

    DAY = "day", _("journée")
    MORNING = "morning", _("matinée")
    AFTERNOON = "afternoon", _("après-midi")


class BookingPolicy(BaseModel):
    """Rules for one resource kind at one place. A place without a row uses the defaults of
    `ostal.bookings.policies.DEFAULT_POLICIES`. Empty limits mean "no limit"."""

    class SaleUnit(models.TextChoices):
        DAY = "day", _("journée")
        HALF_DAY = "half_day", _("demi-journée (et journée)")
        HOUR = "hour", _("heure")
        HALF_HOUR = "30min", _("30 minutes")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="booking_policies")
    resource_kind = models.CharField(max_length=20, choices=Resource.Kind.choices)
    sale_unit = models.CharField(max_length=10, choices=SaleUnit.choices)
    min_duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    max_duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    min_notice_minutes = models.PositiveIntegerField(default=0)
    max_advance_days = models.PositiveIntegerField(default=90,
                                                   validators=[MaxValueValidator(730)])
    cancellation_deadline_minutes = models.PositiveIntegerField(default=60)
    no_show_grace_minutes = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Vide : jamais libéré automatiquement."))
    max_active_bookings_per_member = models.PositiveIntegerField(null=True, blank=True)
    max_bookings_per_member_per_day = models.PositiveIntegerField(null=True, blank=True)
    requires_payment = models.BooleanField(
        default=False, help_text=_("Réservation en attente de paiement (HELD) avant confirmation."))
    hold_minutes = models.PositiveIntegerField(default=15, validators=[MinValueValidator(1)])
    waitlist_offer_minutes = models.PositiveIntegerField(default=60,
                                                         validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = "règles de réservation"
        verbose_name_plural = "règles de réservation"
        ordering = ("space_id", "resource_kind")
        constraints = [
            models.UniqueConstraint(fields=["space", "resource_kind"],
                                    name="one_booking_policy_per_kind"),
            models.CheckConstraint(
                condition=Q(max_duration_minutes__isnull=True)
                | Q(min_duration_minutes__isnull=True)
                | Q(max_duration_minutes__gte=models.F("min_duration_minutes")),
                name="booking_policy_max_not_below_min"),
        ]

    def __str__(self) -> str:
        return f"{self.space_id}/{self.resource_kind}"


class BookingSeries(BaseModel):
    """A recurring booking request (weekdays until a date, or N occurrences) and, in
    `occurrences`, the per-date result of the attempt: booked (booking id) or refused (code)."""

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="booking_series")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="booking_series")
    resource_kind = models.CharField(max_length=20, choices=Resource.Kind.choices)
    weekdays = models.JSONField(help_text=_("Jours de la semaine, 0 = lundi."))
    start_date = models.DateField()
    until_date = models.DateField(null=True, blank=True)
    count = models.PositiveSmallIntegerField(null=True, blank=True)
    part = models.CharField(max_length=10, choices=Part.choices)
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    attendees = models.PositiveSmallIntegerField(default=1)
    idempotency_key = models.CharField(max_length=100, blank=True)
    request_fingerprint = models.CharField(max_length=64, blank=True)
    occurrences = models.JSONField(default=list)
    cancelled_from = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(fields=["member", "idempotency_key"],
                                    condition=~Q(idempotency_key=""),
                                    name="booking_series_idempotency_key_unique"),
        ]

    def __str__(self) -> str:
        return f"series {self.pk} ({self.space_id})"


class Booking(BaseModel):
    """One resource held by one member over [start, end) of one local day."""

    class Status(models.TextChoices):
        HELD = "held", _("en attente (paiement ou offre)")
        CONFIRMED = "confirmed", _("confirmée")
        CHECKED_IN = "checked_in", _("présent")
        CANCELLED = "cancelled", _("annulée")
        NO_SHOW = "no_show", _("absent")
        EXPIRED = "expired", _("expirée")

    class Source(models.TextChoices):
        MEMBER = "member", _("membre")
        WALK_UP = "walk_up", _("sur place")
        MANAGER = "manager", _("gestionnaire")
        SERIES = "series", _("série")
        WAITLIST = "waitlist", _("liste d'attente")

    ACTIVE_STATUSES: ClassVar[tuple[str, ...]] = (Status.HELD, Status.CONFIRMED,
                                                  Status.CHECKED_IN)

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="bookings")
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="bookings")
    resource_kind = models.CharField(max_length=20, choices=Resource.Kind.choices)
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="bookings")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+",
                                  help_text=_("Le gestionnaire qui a réservé pour le membre."))
    series = models.ForeignKey(BookingSeries, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="bookings")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MEMBER)
    start = models.DateTimeField()
    end = models.DateTimeField()
    local_date = models.DateField(help_text=_("Jour local (fuseau du lieu) de la réservation."))
    part = models.CharField(max_length=10, choices=Part.choices)
    attendees = models.PositiveSmallIntegerField(default=1)
    expires_at = models.DateTimeField(null=True, blank=True,
                                      help_text=_("Fin de la mise en attente (HELD)."))
    confirmed_at = models.DateTimeField(
        null=True, blank=True,
        help_text=_("Confirmée à cette heure ; vide : jamais confirmée (une mise en attente)."))
    no_show_due_at = models.DateTimeField(null=True, blank=True,
                                          help_text=_("Libérée si pas de présence à cette heure."))
    idempotency_key = models.CharField(max_length=100, blank=True)
    request_fingerprint = models.CharField(max_length=64, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="+")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    no_show_at = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0, help_text=_("iCalendar SEQUENCE."))

    objects: ClassVar[BookingQuerySet] = BookingQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = "réservation"
        verbose_name_plural = "réservations"
        ordering = ("start", "id")
        indexes = [
            models.Index(fields=["resource", "start"], name="booking_resource_start"),
            models.Index(fields=["space", "local_date"], name="booking_space_day"),
            models.Index(fields=["member", "start"], name="booking_member_start"),
            models.Index(fields=["expires_at"], condition=Q(status="held"),
                         name="booking_hold_due"),
            models.Index(fields=["no_show_due_at"], condition=Q(status="confirmed"),
                         name="booking_no_show_due"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")),
                                   name="booking_end_after_start"),
            models.UniqueConstraint(fields=["member", "idempotency_key"],
                                    condition=~Q(idempotency_key=""),
                                    name="booking_idempotency_key_unique"),
        ]

    def __str__(self) -> str:
        return f"booking {self.pk} {self.resource_id} {self.start:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES


class ResourceBlock(BaseModel):
    """A resource unavailable over [start, end): maintenance, private event, or a booking
    imported from an external calendar. Blocks count as taken in every availability check."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("saisie par un gestionnaire")
        CALENDAR = "calendar", _("calendrier importé")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="resource_blocks")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="blocks")
    start = models.DateTimeField()
    end = models.DateTimeField()
    reason = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    external_uid = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = "blocage de ressource"
        verbose_name_plural = "blocages de ressources"
        ordering = ("start", "id")
        indexes = [
            models.Index(fields=["resource", "start"], name="block_resource_start"),
            models.Index(fields=["space", "start"], name="block_space_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")),
                                   name="resource_block_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"block {self.resource_id} {self.start:%Y-%m-%d %H:%M}"


class WaitlistEntry(BaseModel):
    """A member waiting for a full (space, kind, local date, part). Position = created_at order.
    An offer reserves a resource as a HELD booking (`offered_booking`) until `offer_expires_at`."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("en attente")
        OFFERED = "offered", _("offre en cours")
        ACCEPTED = "accepted", _("acceptée")
        EXPIRED = "expired", _("offre expirée")
        CANCELLED = "cancelled", _("annulée")

    OPEN_STATUSES: ClassVar[tuple[str, ...]] = (Status.WAITING, Status.OFFERED)

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="waitlist_entries")
    resource_kind = models.CharField(max_length=20, choices=Resource.Kind.choices)
    date = models.DateField()
    part = models.CharField(max_length=10, choices=DayPart.choices, default=DayPart.DAY)
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="waitlist_entries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    offered_booking = models.OneToOneField(Booking, on_delete=models.SET_NULL, null=True,
                                           blank=True, related_name="waitlist_entry")
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "inscription en liste d'attente"
        verbose_name_plural = "inscriptions en liste d'attente"
        ordering = ("created_at", "id")
        indexes = [
            models.Index(fields=["space", "resource_kind", "date", "status"],
                         name="waitlist_queue"),
            models.Index(fields=["offer_expires_at"], condition=Q(status="offered"),
                         name="waitlist_offer_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "space", "resource_kind", "date", "part"],
                condition=Q(status__in=["waiting", "offered"]),
                name="waitlist_one_open_entry_per_member"),
        ]

    def __str__(self) -> str:
        return f"waitlist {self.pk} {self.space_id} {self.date} {self.part}"


def new_check_in_token() -> str:
    return secrets.token_urlsafe(18)


class SpaceCheckInCode(BaseModel):
    """The secret printed as a QR code at a place's entrance: {SITE_URL}/checkin/{token}.
    Rotating it (a new token) invalidates printed codes."""

    space = models.OneToOneField(Space, on_delete=models.CASCADE, related_name="check_in_code")
    token = models.CharField(max_length=40, unique=True, default=new_check_in_token)

    def __str__(self) -> str:
        return f"check-in code of {self.space_id}"
