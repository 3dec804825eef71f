"""Employers and the Pass télétravail they buy for their staff (docs/adr/0008-employers.md).

An employer owns one `CreditAccount` (kind `employer`) holding network credits: the *bundle*,
one pool for the whole company. Policies cap how much of the pool each employee may use
(days per week and month) and where; nothing is allocated per employee, so credits an
employee did not use are simply still in the pool, and credits reserved by the future
bookings of an employee who leaves go back to it.

Every booking paid (in whole or in part) by an employer is an `EmployerBooking`: who (the
employment), for which cost centre, how much of a day, how many credits from the pool, what
the company and the employee paid. It carries the department, never the place: an employer
admin sees usage per employee and per cost centre per month, and the department is the
finest location they are shown (CNIL: no permanent monitoring of employees).
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ostal.core.models import BaseModel
from ostal.core.validators import validate_siret, validate_vat_number
from ostal.memberships.models import CreditAccount, Plan
from ostal.spaces.departments import DEPARTMENT_CHOICES
from ostal.spaces.models import Space


class Employer(BaseModel):
    """A company or a public body that buys network credits for its staff."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Entreprise")
        PUBLIC_BODY = "public_body", _("Employeur public")
        ASSOCIATION = "association", _("Association")

    name = models.CharField(_("nom"), max_length=200)
    legal_name = models.CharField(_("raison sociale"), max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.COMPANY)
    siret = models.CharField(max_length=14, validators=[validate_siret])
    vat_number = models.CharField(max_length=15, blank=True, validators=[validate_vat_number])
    address_line1 = models.CharField(max_length=200)
    address_line2 = models.CharField(max_length=200, blank=True)
    postal_code = models.CharField(max_length=10)
    city = models.CharField(max_length=100)
    invoice_email = models.EmailField()
    # Chorus Pro (public buyers): the service code (BT-10) its invoices are addressed to, and
    # whether its Chorus Pro structure makes the service code or the engagement number (BT-13,
    # the purchase order) mandatory: an invoice without them would be rejected.
    chorus_service_code = models.CharField(_("code service Chorus Pro"), max_length=100,
                                           blank=True, default="", db_default="")
    chorus_service_code_required = models.BooleanField(default=False, db_default=False)
    chorus_engagement_required = models.BooleanField(default=False, db_default=False)
    email_domain = models.CharField(
        max_length=120, blank=True,
        help_text=_("Domaine des adresses des salariés (ex. exemple.fr) : le lien "
                    "d'inscription n'accepte que ces adresses."))
    join_token = models.CharField(max_length=64, blank=True, db_index=True,
                                  help_text=_("Lien d'inscription des salariés (vide : fermé)."))
    admins = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="administered_employers")
    credit_account = models.OneToOneField(CreditAccount, on_delete=models.PROTECT,
                                          related_name="employer")

    class Meta:
        verbose_name = "employeur"
        verbose_name_plural = "employeurs"
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name

    @property
    def is_public_body(self) -> bool:
        return self.kind == self.Kind.PUBLIC_BODY


class AdminInvitation(BaseModel):
    """An invitation to administer an employer (issue 22: admins are invited, never added).

    The inviter types an address and learns nothing about it: the API answers the same whether
    an Ostal account uses it or not, and shows only the typed address until the invitee accepts
    from the e-mail, logged in with that address. Only the token's hash is stored."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE,
                                 related_name="admin_invitations")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ("email", "id")
        constraints = [models.UniqueConstraint(fields=["employer", "email"],
                                               name="one_admin_invitation_per_email")]

    def __str__(self) -> str:
        return f"admin invitation {self.email} @ {self.employer_id}"


class CostCentre(BaseModel):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="cost_centres")
    name = models.CharField(_("nom"), max_length=120)
    code = models.CharField(_("code analytique"), max_length=40, blank=True)

    class Meta:
        verbose_name = "centre de coûts"
        verbose_name_plural = "centres de coûts"
        ordering = ("name", "id")
        constraints = [models.UniqueConstraint(fields=["employer", "name"],
                                               name="cost_centre_name_unique_per_employer")]

    def __str__(self) -> str:
        return self.name


class Policy(BaseModel):
    """What the bundle pays for: the company's default policy (`cost_centre` empty) or a cost
    centre's own (which replaces the default for its employees, it does not merge).

    Empty limits mean "no limit"; empty lists mean "any"."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="policies")
    cost_centre = models.OneToOneField(CostCentre, on_delete=models.CASCADE, null=True,
                                       blank=True, related_name="policy")
    days_per_week = models.DecimalField(
        max_digits=3, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("7"))])
    days_per_month = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("31"))])
    allowed_spaces = models.ManyToManyField(Space, blank=True, related_name="+")
    # Lists are JSON (the embedded default is SQLite); the services validate their items.
    allowed_departments = models.JSONField(default=list, blank=True)
    max_distance_km = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("Distance maximale à vol d'oiseau depuis la commune de résidence."))
    allowed_weekdays = models.JSONField(default=list, blank=True,
                                        help_text=_("0 = lundi ... 6 = dimanche"))
    allowed_resource_kinds = models.JSONField(default=list, blank=True)
    secure_places_only = models.BooleanField(default=False)
    may_pay_personally = models.BooleanField(
        default=True, help_text=_("Au-delà de ce que la règle prend en charge, le salarié "
                                  "peut réserver à ses frais."))
    company_share_percent = models.PositiveSmallIntegerField(
        default=100, validators=[MinValueValidator(1), MaxValueValidator(100)])
    invoice_overage = models.BooleanField(
        default=False, help_text=_("Forfait épuisé : les crédits utilisés en plus sont "
                                   "facturés à l'entreprise en fin de mois."))

    class Meta:
        verbose_name = "politique de prise en charge"
        verbose_name_plural = "politiques de prise en charge"
        constraints = [
            models.UniqueConstraint(fields=["employer"], condition=Q(cost_centre__isnull=True),
                                    name="one_default_policy_per_employer"),
            models.CheckConstraint(condition=Q(company_share_percent__gte=1,
                                               company_share_percent__lte=100),
                                   name="policy_company_share_in_range"),
        ]

    def __str__(self) -> str:
        return f"policy {self.employer_id}/{self.cost_centre_id or 'default'}"


class Employment(BaseModel):
    """An employee's link to an employer: invited (by e-mail), active, or left."""

    class Status(models.TextChoices):
        INVITED = "invited", _("invité(e)")
        ACTIVE = "active", _("actif·ve")
        LEFT = "left", _("parti(e)")

    OPEN_STATUSES: ClassVar[tuple[str, ...]] = (Status.INVITED, Status.ACTIVE)

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="employments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                             blank=True, related_name="employments")
    email = models.EmailField()
    cost_centre = models.ForeignKey(CostCentre, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="employments")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.INVITED)
    invitation_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "rattachement salarié"
        verbose_name_plural = "rattachements salariés"
        ordering = ("email", "id")
        constraints = [
            models.UniqueConstraint(fields=["employer", "email"],
                                    condition=Q(status__in=["invited", "active"]),
                                    name="one_open_employment_per_email"),
            # One employer pays for a person at a time: the booking screen never has to choose.
            models.UniqueConstraint(fields=["user"], condition=Q(status="active"),
                                    name="one_active_employment_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.email} @ {self.employer_id} ({self.status})"


class BundleOrder(BaseModel):
    """An employer's purchase of network credits: by card (a billing Payment) or on invoice
    (bank transfer, with the buyer's purchase-order reference)."""

    class Method(models.TextChoices):
        CARD = "card", _("carte bancaire")
        TRANSFER = "transfer", _("virement sur facture")

    class Status(models.TextChoices):
        PENDING = "pending", _("en attente du paiement")
        GRANTED = "granted", _("crédits attribués, facture à régler")
        PAID = "paid", _("payée")
        FAILED = "failed", _("échec")

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="orders")
    ordered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(100)])
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    method = models.CharField(max_length=8, choices=Method.choices)
    purchase_order = models.CharField(_("référence du bon de commande"), max_length=60,
                                      blank=True)
    service_code = models.CharField(_("code service Chorus Pro"), max_length=100, blank=True,
                                    default="", db_default="")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    payment_reference = models.UUIDField(null=True, blank=True, unique=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "commande de Pass télétravail"
        verbose_name_plural = "commandes de Pass télétravail"
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"order {self.reference} ({self.status})"

    @property
    def credit_units(self) -> int:
        return (self.plan.credit_units or 0) * self.quantity


class EmployerBooking(BaseModel):
    """A booking the employer pays for, in whole or in part (see the module docstring)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("prise en charge")
        RELEASED = "released", _("crédits rendus")
        KEPT = "kept", _("annulée, crédits conservés")

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="bookings")
    employment = models.ForeignKey(Employment, on_delete=models.PROTECT, related_name="bookings")
    cost_centre = models.ForeignKey(CostCentre, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    booking = models.OneToOneField("bookings.Booking", on_delete=models.PROTECT,
                                   related_name="employer_booking")
    local_date = models.DateField()
    department_code = models.CharField(max_length=3, choices=DEPARTMENT_CHOICES)
    days = models.DecimalField(max_digits=3, decimal_places=1)
    company_units = models.PositiveIntegerField()
    company_amount = models.DecimalField(max_digits=12, decimal_places=2)
    overage_units = models.PositiveIntegerField(default=0)
    employee_units = models.PositiveIntegerField(default=0)
    employee_amount = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))
    currency = models.CharField(max_length=3, default="EUR")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        verbose_name = "réservation prise en charge"
        verbose_name_plural = "réservations prises en charge"
        ordering = ("local_date", "id")
        indexes = [models.Index(fields=["employer", "local_date"], name="employer_booking_month"),
                   models.Index(fields=["employment", "local_date"],
                                name="employer_booking_employee")]

    def __str__(self) -> str:
        return f"{self.employment_id} {self.local_date} ({self.status})"
