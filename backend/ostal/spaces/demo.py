"""A deterministic demo network shaped like the real Occitanie one.

About 120 places over the 13 departments — densest in Haute-Garonne around Toulouse and in
Hérault around Montpellier, and notably in rural Lozère — run by operators that are 56 % private
(mostly associations) and 44 % public (mostly intercommunalités), plus a coworking truck touring
Lozère villages every week. The same seed and the same day give the same network.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import re
import unicodedata
import zlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ostal.accounts.models import User
from ostal.core.geo import great_circle_km
from ostal.core.validators import french_vat_number
from ostal.spaces.models import (
    Closure,
    Commune,
    ItineraryStop,
    OpeningHours,
    Operator,
    Price,
    Resource,
    SecurityVerification,
    Service,
    Space,
    SpacePhoto,
    SpecialOpening,
)

# Places per department (120 in all), after the regional network's published map.
PLACES_PER_DEPARTMENT = {"31": 22, "34": 20, "48": 12, "30": 10, "12": 9, "81": 8, "11": 7,
                         "66": 7, "46": 6, "65": 5, "32": 5, "82": 5, "09": 3}
# Towns that always have a place (prefectures and sub-prefectures the network covers).
ANCHOR_COMMUNES = {"46": ["46102", "46042"], "12": ["12202", "12145"], "81": ["81004", "81065"],
                   "09": ["09122"], "65": ["65440"], "32": ["32013"], "82": ["82121"],
                   "30": ["30189", "30007"], "66": ["66136"], "11": ["11069", "11262"],
                   "34": ["34032", "34301"], "48": ["48095"], "31": ["31483"]}
METROPOLES = {"31": "31555", "34": "34172"}  # Toulouse, Montpellier: places cluster around them
TRUCK_TOUR = [  # weekday → Lozère village the truck stops in (INSEE code)
    (0, "48092", "Place du Foirail"),        # Monday: Marvejols
    (1, "48061", "Esplanade"),               # Tuesday: Florac Trois Rivières
    (2, "48080", "Place du Champ de Foire"),  # Wednesday: Langogne
    (3, "48140", "Parking de la mairie"),    # Thursday: Saint-Chély-d'Apcher
    (4, "48034", "Place de la Mairie"),      # Friday: La Canourgue
]
TRUCK_WEEKS_AHEAD = 8
DEMO_PASSWORD = "ostal-demo-2026"
DEMO_ACCOUNTS = {
    "admin": "admin@ostal.demo",
    "manager": "manager@ostal.demo",
    "member": "membre@ostal.demo",
}
BASE_SERVICE_SHARE = 0.6
STREETS = ["rue de la République", "avenue de la Gare", "place du Marché", "rue des Écoles",
           "chemin du Moulin"]


@dataclass(frozen=True)
class DemoSummary:
    operators: int
    spaces: int
    resources: int
    accounts: dict[str, str]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _with_commune(pattern: str, commune_name: str) -> str:
    """Fill a name pattern with French elisions ("de Aubin" → "d'Aubin", "de Le" → "du")."""
    text = pattern.format(c=commune_name)
    text = re.sub(r"\bde Le ", "du ", text)
    text = re.sub(r"\bde Les ", "des ", text)
    return re.sub(r"\bde ([AEIOUYÀÂÉÈÊÎÔÛ])", r"d'\1", text)


def _luhn_complete(prefix: str) -> str:
    """Append the digit that makes `prefix` + digit pass the Luhn check."""
    for digit in "0123456789":
        candidate = prefix + digit
        total = 0
        for index, char in enumerate(reversed(candidate)):
            value = int(char) * (2 if index % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


def _siret(rng: random.Random) -> str:
    siren = _luhn_complete(f"{rng.randint(10_000_000, 99_999_999)}")
    return _luhn_complete(siren + f"{rng.randint(0, 9999):04d}")


def _setting_for(commune: Commune, cities: list[Commune]) -> str:
    if commune.population >= 15_000:
        return Space.Setting.URBAN
    near_city = any(great_circle_km(commune.latitude, commune.longitude, c.latitude, c.longitude)
                    < 25 for c in cities)
    if commune.population >= 2_500 or near_city:
        return Space.Setting.PERIURBAN
    return Space.Setting.RURAL


def _pick_communes(rng: random.Random, department: str, count: int) -> list[Commune]:
    communes = list(Commune.objects.filter(department_code=department).order_by("insee_code"))
    anchors = [c for c in communes if c.insee_code in ANCHOR_COMMUNES.get(department, [])]
    return anchors + _pick_more(rng, department, communes, count - len(anchors), anchors)


def _pick_more(rng: random.Random, department: str, communes: list[Commune], count: int,
               taken: list[Commune]) -> list[Commune]:
    communes = [c for c in communes if c not in taken]
    if department in METROPOLES:  # half the places in or around the metropole
        centre = next(c for c in communes if c.insee_code == METROPOLES[department])
        around = [c for c in communes if great_circle_km(centre.latitude, centre.longitude,
                                                         c.latitude, c.longitude) < 30]
        picks = [centre] * 5 + rng.sample(around, k=min(len(around), count // 2 - 5))
        rest = [c for c in communes if c not in picks]
        return picks + rng.sample(rest, k=count - len(picks))
    if department == "48":  # rural Lozère: small communes first
        return rng.sample(communes, k=min(count, len(communes)))
    weights = [max(c.population, 500) ** 0.5 for c in communes]
    chosen: list[Commune] = []
    while len(chosen) < count:
        pick = rng.choices(communes, weights=weights)[0]
        if pick not in chosen or len(chosen) >= len(communes):
            chosen.append(pick)
    return chosen


KIND_WEIGHTS = [(Space.Kind.COWORKING, 40), (Space.Kind.TELEWORK_CENTRE, 20),
                (Space.Kind.RURAL_MULTISERVICE, 16), (Space.Kind.FABLAB, 14),
                (Space.Kind.INCUBATOR, 10)]
NAME_PATTERNS = {
    Space.Kind.COWORKING: ["La Ruche de {c}", "Cowork {c}", "L'Atelier partagé de {c}",
                           "Le Bureau de {c}", "La Cantine numérique de {c}"],
    Space.Kind.TELEWORK_CENTRE: ["Centre de télétravail de {c}", "Espace télétravail {c}",
                                 "Le Relais numérique de {c}"],
    Space.Kind.RURAL_MULTISERVICE: ["La Maison commune de {c}", "L'Ostal de {c}",
                                    "Tiers-lieu de {c}"],
    Space.Kind.FABLAB: ["Fablab de {c}", "Le Labo de {c}", "La Fabrique de {c}"],
    Space.Kind.INCUBATOR: ["Pépinière d'entreprises de {c}", "L'Incubateur de {c}"],
}
PUBLIC_FORMS = [(Operator.LegalForm.INTERCOMMUNALITY, 75), (Operator.LegalForm.MUNICIPALITY, 20),
                (Operator.LegalForm.PUBLIC_BODY, 5)]
PRIVATE_FORMS = [(Operator.LegalForm.ASSOCIATION, 60), (Operator.LegalForm.COOPERATIVE, 20),
                 (Operator.LegalForm.COMPANY, 20)]
VAT_BY_FORM = {
    Operator.LegalForm.ASSOCIATION: [Operator.VatStatus.EXEMPT_ASSOCIATION,
                                     Operator.VatStatus.FRANCHISE, Operator.VatStatus.REGISTERED],
    Operator.LegalForm.COOPERATIVE: [Operator.VatStatus.REGISTERED],
    Operator.LegalForm.COMPANY: [Operator.VatStatus.REGISTERED, Operator.VatStatus.FRANCHISE],
    Operator.LegalForm.INTERCOMMUNALITY: [Operator.VatStatus.PUBLIC_BODY],
    Operator.LegalForm.MUNICIPALITY: [Operator.VatStatus.PUBLIC_BODY],
    Operator.LegalForm.PUBLIC_BODY: [Operator.VatStatus.PUBLIC_BODY],
}
OPERATOR_NAMES = {
    Operator.LegalForm.INTERCOMMUNALITY: "Communauté de communes de {c}",
    Operator.LegalForm.MUNICIPALITY: "Commune de {c}",
    Operator.LegalForm.PUBLIC_BODY: "Syndicat mixte numérique de {c}",
    Operator.LegalForm.ASSOCIATION: "Association {c} Tiers-Lieu",
    Operator.LegalForm.COOPERATIVE: "SCIC Les Communs de {c}",
    Operator.LegalForm.COMPANY: "{c} Work SAS",
}


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in pairs], weights=[w for _, w in pairs])[0]


# Fonts with French accents, where the system has one; Pillow's own default font has no « é »
# and drew it as an empty box (issue 16).
_CAPTION_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf",
    "C:/Windows/Fonts/arial.ttf",
)


def photo_caption(title: str, *, size: int) -> tuple[str, Any]:
    """The caption and its font: a system font with accents, or Pillow's default with the
    accents taken off (« Pepiniere », never a box)."""
    from PIL import ImageFont

    for path in _CAPTION_FONTS:
        if os.path.exists(path):
            return title, ImageFont.truetype(path, size)
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return plain, ImageFont.load_default(size=size)


def _photo(rng: random.Random, title: str) -> ContentFile[bytes]:
    """A small generated JPEG (a two-colour gradient with the place's name): no stock photos."""
    from PIL import Image, ImageDraw

    width, height = 640, 400
    top = (rng.randint(40, 120), rng.randint(90, 160), rng.randint(120, 200))
    bottom = (rng.randint(180, 240), rng.randint(150, 210), rng.randint(90, 150))
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        mix = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * mix)
                                                   for a, b in zip(top, bottom, strict=True)))
    text, font = photo_caption(title[:38], size=26)
    draw.rectangle([(24, height - 84), (width - 24, height - 24)], fill=(255, 255, 255))
    draw.text((40, height - 70), text, fill=(20, 20, 20), font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ContentFile(buffer.getvalue())


class DemoNetworkBuilder:
    def __init__(self, *, seed: int, today: dt.date, photos: bool) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.photos = photos
        self.services = {s.code: s for s in Service.objects.all()}
        self.base_codes = [code for code, s in self.services.items() if s.is_base]
        self.cities = list(Commune.objects.filter(population__gte=50_000))
        self.slugs: set[str] = set()

    def build(self) -> DemoSummary:
        operators: list[Operator] = []
        spaces: list[Space] = []
        for department, count in sorted(PLACES_PER_DEPARTMENT.items()):
            for commune in _pick_communes(self.rng, department, count):
                operator = self._operator_for(commune, operators)
                spaces.append(self._space(operator, commune, self._kind()))
        truck_operator = self._operator(Operator.LegalForm.ASSOCIATION,
                                        "Association Lozère Nomade", Operator.CarrierKind.PRIVATE)
        operators.append(truck_operator)
        spaces.append(self._truck(truck_operator))
        accounts = self._accounts(manager_of=truck_operator)
        return DemoSummary(operators=len(operators), spaces=len(spaces),
                           resources=Resource.objects.count(), accounts=accounts)

    def _kind(self) -> str:
        return _weighted(self.rng, KIND_WEIGHTS)  # type: ignore[arg-type]

    def _operator_for(self, commune: Commune, operators: list[Operator]) -> Operator:
        # Some operators run several places (a communauté de communes with two centres).
        if operators and self.rng.random() < 0.12:
            return self.rng.choice(operators)
        carrier = Operator.CarrierKind.PUBLIC if self.rng.random() < 0.44 else (
            Operator.CarrierKind.PRIVATE)
        forms = PUBLIC_FORMS if carrier == Operator.CarrierKind.PUBLIC else PRIVATE_FORMS
        form = _weighted(self.rng, forms)  # type: ignore[arg-type]
        base_name = _with_commune(OPERATOR_NAMES[form], commune.name)  # type: ignore[index]
        name, suffix = base_name, 2
        while Operator.objects.filter(name=name).exists():
            name, suffix = f"{base_name} {suffix}", suffix + 1
        operator = self._operator(form, name, carrier)
        operators.append(operator)
        return operator

    def _operator(self, form: str, name: str, carrier: str) -> Operator:
        siret = _siret(self.rng)
        vat_status = self.rng.choice(VAT_BY_FORM[form])  # type: ignore[index]
        return Operator.objects.create(
            name=name, legal_form=form, carrier_kind=carrier, siret=siret,
            vat_number=french_vat_number(siret[:9]) if vat_status == "registered" else "",
            vat_status=vat_status, email=f"contact@{slugify(_ascii(name))[:40]}.example.org")

    def _unique_slug(self, name: str) -> str:
        base = slugify(_ascii(name))[:200]
        slug, n = base, 2
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        self.slugs.add(slug)
        return slug

    def _space(self, operator: Operator, commune: Commune, kind: str) -> Space:
        rng = self.rng
        name = _with_commune(rng.choice(NAME_PATTERNS[kind]), commune.name)  # type: ignore[index]
        setting = _setting_for(commune, self.cities)
        space = Space.objects.create(
            operator=operator, name=name, slug=self._unique_slug(name), kind=kind,
            setting=setting, commune=commune,
            address=f"{rng.randint(1, 40)} {rng.choice(STREETS)}",
            latitude=round(commune.latitude + rng.uniform(-0.004, 0.004), 5),
            longitude=round(commune.longitude + rng.uniform(-0.004, 0.004), 5),
            description_fr=f"{name} accueille télétravailleurs, indépendants et associations "
                           f"à {commune.name} : postes de travail, salles et une communauté "
                           "locale.",
            description_en=f"{name} welcomes remote workers, freelancers and associations in "
                           f"{commune.name}: desks, rooms and a local community.",
            email=f"bonjour@{slugify(_ascii(name))[:40]}.example.org",
            phone=f"05 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                  f"{rng.randint(10, 99)}",
            website=f"https://{slugify(_ascii(name))[:40]}.example.org",
            wheelchair_accessible=rng.random() < 0.7,
            accepts_network_pass=rng.random() < 0.75,
        )
        if space.wheelchair_accessible:
            space.accessibility_fr = "Plain-pied, toilettes adaptées, place de stationnement PMR."
            space.accessibility_en = "Step-free access, accessible toilets, disabled parking."
            space.save(update_fields=["accessibility_fr", "accessibility_en"])
        self._services(space, kind)
        self._hours(space)
        self._resources_and_prices(space, setting)
        if self.photos:
            SpacePhoto.objects.create(space=space, image=_photo_file(space),
                                      alt_fr=f"Vue de {name}", alt_en=f"View of {name}")
        return space

    def _services(self, space: Space, kind: str) -> None:
        rng = self.rng
        codes = set(self.base_codes) if rng.random() < BASE_SERVICE_SHARE else {
            code for code in self.base_codes if rng.random() < 0.7}
        optional = [c for c in self.services if c not in self.base_codes]
        codes |= {code for code in optional if rng.random() < 0.3}
        if kind == Space.Kind.FABLAB:
            codes.add("fablab")
        if space.wheelchair_accessible:
            codes.add("wheelchair_access")
        space.services.set([self.services[c] for c in sorted(codes)])
        # The network has visited two places in three: their declared security features are
        # verified (chosen from the name, not the random draws, so the network stays the same).
        if zlib.crc32(space.slug.encode()) % 3:
            SecurityVerification.objects.bulk_create(
                SecurityVerification(space=space, service=self.services[code],
                                     verified_on=self.today - dt.timedelta(days=30),
                                     note="Visite du réseau (démo)")
                for code in sorted(codes)
                if self.services[code].category == Service.Category.SECURITY)
        # Most places signed the network's charter (version 2024) when they joined.
        if zlib.crc32(space.slug.encode()) % 5:
            space.charter_version, space.charter_signed_on = "2024", dt.date(2024, 6, 1)
            space.save(update_fields=["charter_version", "charter_signed_on"])

    def _hours(self, space: Space) -> None:
        rng = self.rng
        opens = dt.time(rng.choice([8, 8, 9]), rng.choice([0, 30]))
        closes = dt.time(rng.choice([17, 18, 18, 19]), rng.choice([0, 30]))
        days = range(6) if rng.random() < 0.2 else range(5)
        OpeningHours.objects.bulk_create(
            OpeningHours(space=space, weekday=d, opens=opens,
                         closes=dt.time(13) if d == 5 else closes) for d in days)
        if rng.random() < 0.5:  # closed between Christmas and New Year
            year = self.today.year if self.today.month < 12 or self.today.day < 24 else (
                self.today.year + 1)
            Closure.objects.create(space=space, start_date=dt.date(year, 12, 24),
                                   end_date=dt.date(year, 12, 26), reason="Fermeture de Noël")
        if rng.random() < 0.15:  # one exceptional Saturday opening (an open day)
            saturday = self.today + dt.timedelta(days=(5 - self.today.weekday()) % 7 + 14)
            SpecialOpening.objects.create(space=space, date=saturday, opens=dt.time(10),
                                          closes=dt.time(16), reason="Journée portes ouvertes")

    def _resources_and_prices(self, space: Space, setting: str) -> None:
        rng = self.rng
        desks = {Space.Setting.URBAN: (8, 30), Space.Setting.PERIURBAN: (5, 16),
                 Space.Setting.RURAL: (3, 10)}[setting]  # type: ignore[index]
        resources = [Resource(space=space, kind=Resource.Kind.DESK, name=f"Poste {n}")
                     for n in range(1, rng.randint(*desks) + 1)]
        for n in range(1, rng.randint(0, 3) + 1):
            resources.append(Resource(space=space, kind=Resource.Kind.MEETING_ROOM,
                                      name=f"Salle {n}", capacity=rng.choice([4, 6, 8, 12, 16])))
        for n in range(1, rng.randint(0, 2) + 1):
            resources.append(Resource(space=space, kind=Resource.Kind.PHONE_BOOTH,
                                      name=f"Cabine {n}"))
        for n in range(1, rng.randint(0, 3) + 1):
            resources.append(Resource(space=space, kind=Resource.Kind.PRIVATE_OFFICE,
                                      name=f"Bureau {n}", capacity=rng.choice([1, 2, 4])))
        Resource.objects.bulk_create(resources)
        day = Decimal(rng.randint(10, 26))
        prices = [
            Price(space=space, resource_kind="desk", unit=Price.Unit.DAY, amount=day),
            Price(space=space, resource_kind="desk", unit=Price.Unit.HALF_DAY,
                  amount=(day * Decimal("0.6")).quantize(Decimal("1"))),
            Price(space=space, resource_kind="desk", unit=Price.Unit.MONTH,
                  amount=Decimal(rng.randint(12, 30) * 10)),
        ]
        if any(r.kind == Resource.Kind.MEETING_ROOM for r in resources):
            prices.append(Price(space=space, resource_kind="meeting_room", unit=Price.Unit.HOUR,
                                amount=Decimal(rng.randint(15, 40))))
        if any(r.kind == Resource.Kind.PRIVATE_OFFICE for r in resources):
            prices.append(Price(space=space, resource_kind="private_office", unit=Price.Unit.DAY,
                                amount=Decimal(rng.randint(30, 60))))
        Price.objects.bulk_create(prices)

    def _truck(self, operator: Operator) -> Space:
        mende = Commune.objects.get(insee_code="48095")
        truck = Space.objects.create(
            operator=operator, name="Le Camion des Causses", slug="le-camion-des-causses",
            kind=Space.Kind.ITINERANT, setting=Space.Setting.RURAL, commune=mende,
            latitude=mende.latitude, longitude=mende.longitude,
            description_fr="Un coworking sur roues : six postes, la fibre par satellite et le "
                           "café, chaque semaine dans cinq villages de Lozère.",
            description_en="A coworking space on wheels: six desks, satellite broadband and "
                           "coffee, every week in five Lozère villages.",
            email="bonjour@camion-des-causses.example.org", accepts_network_pass=True,
            wheelchair_accessible=False,
            accessibility_fr="Marche d'accès de 20 cm ; rampe amovible sur demande.",
            accessibility_en="20 cm step at the entrance; removable ramp on request.",
        )
        truck.services.set([self.services[c] for c in ("fibre", "wifi", "printing", "kitchen",
                                                         "phone_booths")])
        Resource.objects.bulk_create(
            [Resource(space=truck, kind=Resource.Kind.DESK, name=f"Poste {n}")
             for n in range(1, 7)]
            + [Resource(space=truck, kind=Resource.Kind.PHONE_BOOTH, name="Cabine")])
        Price.objects.create(space=truck, resource_kind="desk", unit=Price.Unit.DAY,
                             amount=Decimal("10.00"))
        monday = self.today - dt.timedelta(days=self.today.weekday())
        communes = {c.insee_code: c for c in Commune.objects.filter(
            insee_code__in=[code for _, code, _ in TRUCK_TOUR])}
        stops = []
        for week in range(TRUCK_WEEKS_AHEAD):
            for weekday, code, note in TRUCK_TOUR:
                day = monday + dt.timedelta(days=7 * week + weekday)
                commune = communes[code]
                stops.append(ItineraryStop(space=truck, date=day, commune=commune,
                                           opens=dt.time(9), closes=dt.time(17),
                                           location_note=note, latitude=commune.latitude,
                                           longitude=commune.longitude))
        ItineraryStop.objects.bulk_create(stops)
        if self.photos:
            SpacePhoto.objects.create(space=truck, image=_photo_file(truck),
                                      alt_fr="Le camion garé sur une place de village",
                                      alt_en="The truck parked on a village square")
        return truck

    def _accounts(self, manager_of: Operator) -> dict[str, str]:
        admin = User.objects.create_superuser(DEMO_ACCOUNTS["admin"], DEMO_PASSWORD,
                                              first_name="Nina", last_name="Réseau")
        manager = User.objects.create_user(DEMO_ACCOUNTS["manager"], DEMO_PASSWORD,
                                           first_name="Cyprien", last_name="Gestion",
                                           is_staff=True)
        manager_of.managers.add(manager)
        member = User.objects.create_user(DEMO_ACCOUNTS["member"], DEMO_PASSWORD,
                                          first_name="Ada", last_name="Teletravail")
        mark_verified([admin, manager, member])
        return dict(DEMO_ACCOUNTS.items())


def _photo_file(space: Space) -> ContentFile[bytes]:
    """Photos draw from their own generator, so the network is the same with or without them."""
    content = _photo(random.Random(space.slug), space.name)
    content.name = f"{space.slug}.jpg"
    return content


def mark_verified(users: list[User]) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users])


@transaction.atomic
def demo_network_create(*, seed: int = 2026, today: dt.date | None = None,
                        photos: bool = True) -> DemoSummary:
    """Create the demo network. Refuses to run twice on the same database (check first)."""
    if Space.objects.exists():
        raise RuntimeError("The database already holds places.")
    return DemoNetworkBuilder(seed=seed, today=today or timezone.localdate(),
                              photos=photos).build()


@transaction.atomic
def demo_network_delete() -> None:
    """Remove every place, operator and demo account (reference data stays)."""
    Space.objects.all().delete()
    Operator.objects.all().delete()
    User.objects.filter(email__in=DEMO_ACCOUNTS.values()).delete()
