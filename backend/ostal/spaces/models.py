"""Operators, places (tiers-lieux), their resources, services, hours, closures and stops."""

from decimal import Decimal
from typing import Any, ClassVar
from zoneinfo import available_timezones

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ostal.core.models import BaseModel
from ostal.core.validators import validate_siren, validate_siret, validate_vat_number
from ostal.spaces.departments import DEPARTMENT_CHOICES
from ostal.spaces.querysets import SpaceQuerySet

TIMEZONE_CHOICES = sorted((tz, tz) for tz in available_timezones() if "/" in tz)


class Commune(models.Model):
    """A French commune (reference data shipped as a CSV, loaded by a data migration)."""

    insee_code = models.CharField(max_length=5, primary_key=True)
    name = models.CharField(max_length=120, db_index=True)
    department_code = models.CharField(max_length=3, choices=DEPARTMENT_CHOICES, db_index=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    population = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "commune"
        verbose_name_plural = "communes"
        ordering = ("name",)

    def __str__(self) -> str:
        return f"{self.name} ({self.department_code})"


class Operator(BaseModel):
    """The legal entity that runs places (porteur / structure porteuse); public or private."""

    class CarrierKind(models.TextChoices):
        PUBLIC = "public", _("Public")
        PRIVATE = "private", _("Privé")

    class LegalForm(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        INTERCOMMUNALITY = "intercommunality", _("Intercommunalité")
        MUNICIPALITY = "municipality", _("Commune")
        PUBLIC_BODY = "public_body", _("Autre organisme public")
        COMPANY = "company", _("Société")
        COOPERATIVE = "cooperative", _("Coopérative (SCIC, SCOP)")

    class VatStatus(models.TextChoices):
        REGISTERED = "registered", _("Assujetti à la TVA (20 %)")
        FRANCHISE = "franchise", _("Franchise en base (art. 293 B du CGI)")
        EXEMPT_ASSOCIATION = "exempt_association", _("Association exonérée")
        PUBLIC_BODY = "public_body", _("Organisme public")

    name = models.CharField(_("nom"), max_length=200, unique=True)
    legal_form = models.CharField(max_length=20, choices=LegalForm.choices)
    carrier_kind = models.CharField(max_length=10, choices=CarrierKind.choices)
    siret = models.CharField(max_length=14, blank=True, validators=[validate_siret])
    vat_number = models.CharField(max_length=15, blank=True, validators=[validate_vat_number])
    vat_status = models.CharField(max_length=20, choices=VatStatus.choices,
                                  default=VatStatus.REGISTERED)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    website = models.URLField(blank=True)
    address = models.CharField(max_length=255, blank=True)
    managers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="managed_operators",
                                      blank=True)
    # The front desk sees its places' day and checks people in; it changes no price, rule or
    # place. People join either list by accepting an invitation (ostal.teams).
    front_desk = models.ManyToManyField(settings.AUTH_USER_MODEL,
                                        related_name="front_desk_operators", blank=True,
                                        verbose_name=_("accueil"))

    class Meta:
        verbose_name = "structure"
        verbose_name_plural = "structures"
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @property
    def siren(self) -> str:
        return self.siret[:9]

    def clean(self) -> None:
        if self.siret:
            validate_siren(self.siret[:9])


class Service(models.Model):
    """What a place offers (fibre, catering, fablab...); `is_base` marks the socle de base."""

    class Category(models.TextChoices):
        CONNECTIVITY = "connectivity", _("Connectivité")
        WORKSPACE = "workspace", _("Espaces de travail")
        AMENITY = "amenity", _("Commodités")
        MOBILITY = "mobility", _("Mobilité")
        FAMILY = "family", _("Famille")
        MAKING = "making", _("Fabrication")
        ACCESSIBILITY = "accessibility", _("Accessibilité")
        SECURITY = "security", _("Sécurité")

    code = models.SlugField(max_length=40, unique=True)
    name_fr = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    category = models.CharField(max_length=20, choices=Category.choices)
    is_base = models.BooleanField(_("socle de base"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "service"
        verbose_name_plural = "services"
        ordering = ("position", "code")

    def __str__(self) -> str:
        return self.name_fr


class Space(BaseModel):
    """One tiers-lieu: a place with an address, or an itinerary (the coworking truck)."""

    class Kind(models.TextChoices):
        COWORKING = "coworking", _("Espace de coworking")
        TELEWORK_CENTRE = "telework_centre", _("Centre de télétravail")
        FABLAB = "fablab", _("Fablab")
        INCUBATOR = "incubator", _("Incubateur")
        RURAL_MULTISERVICE = "rural_multiservice", _("Lieu multiservice rural")
        ITINERANT = "itinerant", _("Tiers-lieu itinérant")

    class Setting(models.TextChoices):
        URBAN = "urban", _("Urbain")
        PERIURBAN = "periurban", _("Périurbain")
        RURAL = "rural", _("Rural")

    operator = models.ForeignKey(Operator, on_delete=models.PROTECT, related_name="spaces")
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    setting = models.CharField(max_length=10, choices=Setting.choices, db_index=True)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="spaces",
                                help_text=_("Commune du lieu, ou commune de rattachement"))
    department_code = models.CharField(max_length=3, choices=DEPARTMENT_CHOICES, db_index=True,
                                       editable=False)
    address = models.CharField(max_length=255, blank=True)
    postal_code = models.CharField(max_length=5, blank=True)
    latitude = models.FloatField(validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(validators=[MinValueValidator(-180), MaxValueValidator(180)])
    timezone = models.CharField(max_length=64, choices=TIMEZONE_CHOICES,
                                default=settings.DEFAULT_SPACE_TIMEZONE)
    description_fr = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    website = models.URLField(blank=True)
    accessibility_fr = models.TextField(_("accessibilité (fr)"), blank=True)
    accessibility_en = models.TextField(_("accessibilité (en)"), blank=True)
    wheelchair_accessible = models.BooleanField(default=False)
    accepts_network_pass = models.BooleanField(_("accepte le Pass télétravail"), default=False,
                                               db_index=True)
    is_published = models.BooleanField(default=True, db_index=True)
    services = models.ManyToManyField(Service, related_name="spaces", blank=True)
    # The place's adherence to the network's charter, recorded by the network: which version
    # of the charter it signed, and when (empty: not signed).
    charter_version = models.CharField(_("version de la charte signée"), max_length=20,
                                       blank=True, default="", db_default="")
    charter_signed_on = models.DateField(_("charte signée le"), null=True, blank=True)

    objects: ClassVar[SpaceQuerySet] = SpaceQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = "lieu"
        verbose_name_plural = "lieux"
        ordering = ("name",)
        indexes = [models.Index(fields=["department_code", "kind"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.department_code = self.commune.department_code
        super().save(*args, **kwargs)

    @property
    def is_itinerant(self) -> bool:
        return self.kind == self.Kind.ITINERANT


class SecurityVerification(BaseModel):
    """The network checked that a place has a security feature it declares (a service of the
    `security` category): what an employer's "secure places only" policy relies on. A
    declaration alone is not enough; a feature the place stops declaring loses its
    verification (`spaces.services.space_update`)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE,
                              related_name="security_verifications")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    verified_on = models.DateField(_("vérifié le"))
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ("space_id", "service_id")
        constraints = [
            models.UniqueConstraint(fields=["space", "service"],
                                    name="one_verification_per_feature"),
        ]

    def __str__(self) -> str:
        return f"{self.space_id}: {self.service_id} ({self.verified_on})"


class SpacePhoto(BaseModel):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="spaces/%Y/")
    alt_fr = models.CharField(max_length=200)
    alt_en = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "photo du lieu"
        verbose_name_plural = "photos du lieu"
        ordering = ("position", "id")

    def __str__(self) -> str:
        return self.alt_fr


class OpeningHours(models.Model):
    """Weekly opening hours, local time of the space. Several intervals per day allowed."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("lundi")
        TUESDAY = 1, _("mardi")
        WEDNESDAY = 2, _("mercredi")
        THURSDAY = 3, _("jeudi")
        FRIDAY = 4, _("vendredi")
        SATURDAY = 5, _("samedi")
        SUNDAY = 6, _("dimanche")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        verbose_name = "plage d'ouverture"
        verbose_name_plural = "plages d'ouverture"
        ordering = ("weekday", "opens")
        constraints = [
            models.CheckConstraint(condition=Q(closes__gt=models.F("opens")),
                                   name="opening_hours_closes_after_opens"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


class Closure(BaseModel):
    """Exceptional closure over whole local days, both ends included (holidays, works)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="closures")
    start_date = models.DateField()
    end_date = models.DateField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "fermeture"
        verbose_name_plural = "fermetures"
        ordering = ("start_date",)
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")),
                                   name="closure_end_not_before_start"),
        ]

    def __str__(self) -> str:
        return f"{self.start_date} → {self.end_date} {self.reason}".strip()


class SpecialOpening(BaseModel):
    """Exceptional hours for one local day: replace the weekly hours of that day."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="special_openings")
    date = models.DateField()
    opens = models.TimeField()
    closes = models.TimeField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "ouverture exceptionnelle"
        verbose_name_plural = "ouvertures exceptionnelles"
        ordering = ("date", "opens")
        constraints = [
            models.CheckConstraint(condition=Q(closes__gt=models.F("opens")),
                                   name="special_opening_closes_after_opens"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.opens:%H:%M}-{self.closes:%H:%M}"


class ItineraryStop(BaseModel):
    """Where and when an itinerant place stops: bookable only then and there."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="stops")
    date = models.DateField(db_index=True)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    opens = models.TimeField()
    closes = models.TimeField()
    location_note = models.CharField(max_length=200, blank=True,
                                     help_text=_("Ex. : place de la mairie"))
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        verbose_name = "étape"
        verbose_name_plural = "étapes"
        ordering = ("date", "opens")
        constraints = [
            models.UniqueConstraint(fields=["space", "date"], name="one_stop_per_day"),
            models.CheckConstraint(condition=Q(closes__gt=models.F("opens")),
                                   name="stop_closes_after_opens"),
        ]

    def __str__(self) -> str:
        return f"{self.date} — {self.commune_id}"


class Resource(BaseModel):
    """One bookable unit. Every desk is its own Resource (so overlaps are checkable per row)."""

    class Kind(models.TextChoices):
        DESK = "desk", _("Poste de travail")
        MEETING_ROOM = "meeting_room", _("Salle de réunion")
        PHONE_BOOTH = "phone_booth", _("Cabine téléphonique")
        PRIVATE_OFFICE = "private_office", _("Bureau privatif")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    name = models.CharField(max_length=100)
    capacity = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = "ressource"
        verbose_name_plural = "ressources"
        ordering = ("space_id", "kind", "name")
        constraints = [
            models.UniqueConstraint(fields=["space", "name"], name="resource_name_unique_in_space"),
        ]

    def __str__(self) -> str:
        return f"{self.space.name} — {self.name}"


class Price(BaseModel):
    """Public price of a resource kind at a place, per sale unit (tax included), and the
    optional member price for the same unit: what a member of the place pays (someone with an
    active monthly plan of this place, see `ostal.memberships.services.plans.is_place_member`).
    Empty member price: members pay the public price."""

    class Unit(models.TextChoices):
        HOUR = "hour", _("heure")
        HALF_DAY = "half_day", _("demi-journée")
        DAY = "day", _("journée")
        MONTH = "month", _("mois")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="prices")
    resource_kind = models.CharField(max_length=20, choices=Resource.Kind.choices)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0.00"))])
    currency = models.CharField(max_length=3, default="EUR")
    member_amount = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.00"))],
        help_text=_("Prix membre (TTC), au plus le prix public ; vide : prix public."))

    class Meta:
        verbose_name = "prix"
        verbose_name_plural = "prix"
        ordering = ("resource_kind", "unit")
        constraints = [
            models.UniqueConstraint(fields=["space", "resource_kind", "unit"],
                                    name="one_price_per_kind_and_unit"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="price_not_negative"),
            models.CheckConstraint(
                condition=Q(member_amount__isnull=True)
                | Q(member_amount__gte=0, member_amount__lte=models.F("amount")),
                name="member_price_between_zero_and_public_price"),
        ]

    def __str__(self) -> str:
        return f"{self.resource_kind}/{self.unit}: {self.amount} {self.currency}"
