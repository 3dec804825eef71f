"""The check of every census row, against the reference data and what is already in Ostal.

`CensusContext` loads once what every row is compared with (communes, services, operators,
places and the keys of earlier imports: a handful of queries whatever the number of rows);
`row_check` turns one row into a `RowCheck`: the action it would take (create, update or
refuse), its reasons and warnings, and the cleaned values. Messages are French / English."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from ostal.core.geo import great_circle_km
from ostal.core.validators import validate_siret
from ostal.joining.models import CensusKey
from ostal.spaces.folding import fold
from ostal.spaces.models import Commune, Operator, Service, Space

# Commune outlines are not in the reference data (centres only): a place "inside or near" its
# commune is within this distance of the commune's centre (the largest communes of Occitanie
# span about 15 km from their centre to their edge).
NEAR_COMMUNE_KM = 15.0
DUPLICATE_RADIUS_KM = 0.1


def _folded(text: str) -> str:
    return " ".join((fold(text) or "").split())


@dataclass
class CensusContext:
    communes: dict[str, Commune]
    services: dict[str, Service]
    operators_by_siret: dict[str, Operator]
    operators_by_name: dict[str, Operator]
    keys: dict[str, int]
    places: list[tuple[int, str, str, float, float, str]]

    @classmethod
    def load(cls) -> CensusContext:
        services: dict[str, Service] = {}
        for service in Service.objects.all():
            for name in (service.code, service.name_fr, service.name_en):
                services[_folded(name)] = service
        operators = list(Operator.objects.all())
        return cls(
            communes={commune.insee_code: commune for commune in Commune.objects.all()},
            services=services,
            operators_by_siret={operator.siret: operator for operator in operators
                                if operator.siret},
            operators_by_name={_folded(operator.name): operator for operator in operators},
            keys=dict(CensusKey.objects.values_list("key", "space_id")),
            places=[(pk, _folded(name), commune_id, lat, lon, siret) for
                    pk, name, commune_id, lat, lon, siret in Space.objects.values_list(
                        "pk", "name", "commune_id", "latitude", "longitude", "operator__siret")])


    def remember(self, check: RowCheck) -> None:
        """After a row is applied: later rows of the same file see its place and operator
        (two places of one new operator make one operator)."""
        assert check.space_id is not None
        operator = Operator.objects.get(spaces__pk=check.space_id)
        self.keys[check.key] = check.space_id
        if operator.siret:
            self.operators_by_siret.setdefault(operator.siret, operator)
        self.operators_by_name.setdefault(_folded(operator.name), operator)


def _choice(value: str, choices: list[tuple[str, Any]], extra: dict[str, str] | None = None
            ) -> str | None:
    wanted = _folded(value)
    for code, label in choices:
        if wanted in (_folded(code), _folded(str(label))):
            return code
    return (extra or {}).get(wanted)


CARRIER_WORDS = {"prive": "private", "privee": "private", "publique": "public"}
KIND_WORDS = {"coworking": "coworking", "tiers lieu itinerant": "itinerant",
              "itinerant": "itinerant", "teletravail": "telework_centre",
              "multiservice": "rural_multiservice"}


@dataclass
class RowCheck:
    row: int
    key: str = ""
    action: str = "refuse"          # create | update | refuse
    place: str = ""
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    space_id: int | None = None

    def report(self) -> dict[str, Any]:
        return {"row": self.row, "key": self.key, "action": self.action, "place": self.place,
                "reasons": self.reasons, "warnings": self.warnings, "space_id": self.space_id}


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ".")) if text else None
    except ValueError:
        return None


def stable_key(row: dict[str, str], siret: str, insee: str) -> str:
    if row.get("identifiant"):
        return f"id:{_folded(row['identifiant'])}"[:300]
    carrier = siret or _folded(row.get("structure", ""))
    return f"{carrier}|{insee}|{_folded(row.get('lieu', ''))}"[:300]


def row_check(number: int, row: dict[str, str], context: CensusContext,
              seen: dict[str, int]) -> RowCheck:
    """Check one row (numbered as in the file: the header is row 1)."""
    check = RowCheck(row=number, place=row.get("lieu", ""))
    refuse = check.reasons.append
    values: dict[str, Any] = {}

    for column in ("structure", "lieu"):
        if not row.get(column):
            refuse(f"« {column} » manquant. / “{column}” is missing.")
    values["structure"], values["lieu"] = row.get("structure", "")[:200], row.get("lieu", "")[:200]

    siret = "".join(row.get("siret", "").split())
    if siret:
        try:
            validate_siret(siret)
        except ValidationError:
            refuse(f"SIRET {siret} invalide. / Invalid SIRET {siret}.")
    values["siret"] = siret

    legal_form = _choice(row.get("forme_juridique", ""), Operator.LegalForm.choices)
    if legal_form is None:
        refuse(f"forme juridique « {row.get('forme_juridique', '')} » inconnue. / "
               "unknown legal form.")
    values["legal_form"] = legal_form
    carrier_kind = _choice(row.get("nature", ""), Operator.CarrierKind.choices, CARRIER_WORDS)
    if carrier_kind is None:
        refuse(f"nature « {row.get('nature', '')} » inconnue (public ou privé). / "
               "unknown kind (public or private).")
    values["carrier_kind"] = carrier_kind

    kind = _choice(row.get("type", ""), Space.Kind.choices, KIND_WORDS)
    if kind is None:
        refuse(f"type de lieu « {row.get('type', '')} » inconnu. / unknown kind of place.")
    values["kind"] = kind

    insee = row.get("commune_insee", "").strip().zfill(5) if row.get("commune_insee") else ""
    commune = context.communes.get(insee)
    if commune is None:
        refuse(f"commune « {row.get('commune_insee', '')} » inconnue (code INSEE attendu). / "
               "unknown commune (INSEE code expected).")
    values["commune"] = commune

    latitude, longitude = _number(row.get("latitude", "")), _number(row.get("longitude", ""))
    if (latitude is None) != (longitude is None) or (
            latitude is not None and longitude is not None
            and not (-90 <= latitude <= 90 and -180 <= longitude <= 180)):
        refuse("coordonnées invalides. / invalid coordinates.")
    elif commune is not None and latitude is not None and longitude is not None:
        distance = great_circle_km(latitude, longitude, commune.latitude, commune.longitude)
        if distance > NEAR_COMMUNE_KM:
            refuse(f"coordonnées à {distance:.0f} km de {commune.name} (plus de "
                   f"{NEAR_COMMUNE_KM:.0f} km). / coordinates {distance:.0f} km away from "
                   f"{commune.name}.")
    elif commune is not None:
        check.warnings.append(f"sans coordonnées : centre de {commune.name}. / no coordinates: "
                              f"centre of {commune.name}.")
        latitude, longitude = commune.latitude, commune.longitude
    values["latitude"], values["longitude"] = latitude, longitude

    services: list[Service] = []
    for name in filter(None, (part.strip() for part in
                              row.get("services", "").replace(";", ",").split(","))):
        service = context.services.get(_folded(name))
        if service is None:
            refuse(f"service « {name} » inconnu. / unknown service “{name}”.")
        elif service not in services:
            services.append(service)
    values["services"] = services

    emails = [part.strip().lower() for part in
              row.get("email_gestionnaires", "").replace(";", ",").split(",") if part.strip()]
    for email in emails:
        try:
            validate_email(email)
        except ValidationError:
            refuse(f"e-mail « {email} » invalide. / invalid e-mail.")
    if not emails:
        check.warnings.append("aucun gestionnaire à inviter. / no manager to invite.")
    values["emails"] = emails
    for column in ("email",):
        if row.get(column):
            try:
                validate_email(row[column])
            except ValidationError:
                refuse(f"e-mail du lieu « {row[column]} » invalide. / invalid place e-mail.")
    if row.get("site_web"):
        try:
            URLValidator()(row["site_web"])
        except ValidationError:
            refuse(f"site web « {row['site_web']} » invalide. / invalid website.")
    values.update({"address": row.get("adresse", "")[:255],
                   "postal_code": row.get("code_postal", "")[:5],
                   "email": row.get("email", ""), "phone": row.get("telephone", "")[:30],
                   "website": row.get("site_web", "")})

    operator = context.operators_by_siret.get(siret) if siret else None
    same_name = context.operators_by_name.get(_folded(values["structure"]))
    if operator is None and same_name is not None and siret and same_name.siret and \
            same_name.siret != siret:
        refuse(f"une autre structure s'appelle déjà « {same_name.name} » (SIRET "
               f"{same_name.siret}). / another operator already has this name.")
    values["operator"] = operator or same_name

    check.key = stable_key(row, siret, insee)
    if check.key in seen:
        refuse(f"même lieu qu'à la ligne {seen[check.key]}. / same place as row "
               f"{seen[check.key]}.")
    else:
        seen[check.key] = number
    existing = context.keys.get(check.key)
    if existing is not None:
        check.space_id = existing
    elif commune is not None and not check.reasons:
        name = _folded(values["lieu"])
        for pk, other_name, commune_id, lat, lon, other_siret in context.places:
            close = latitude is not None and longitude is not None and great_circle_km(
                latitude, longitude, lat, lon) <= DUPLICATE_RADIUS_KM
            if (commune_id == insee and other_name == name) or (
                    close and siret and other_siret == siret):
                refuse(f"doublon probable d'un lieu existant (n° {pk}). / probable duplicate of "
                       f"an existing place (no. {pk}).")
                break
    check.values = values
    if check.reasons:
        check.action = "refuse"
    else:
        check.action = "update" if existing is not None else "create"
    return check
