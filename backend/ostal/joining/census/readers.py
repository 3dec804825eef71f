"""Reading a census file into rows of text: CSV (comma or semicolon, UTF-8 or Windows-1252),
XLSX (the first sheet, with openpyxl) or GeoJSON (a FeatureCollection of points: the
properties, with the point as latitude / longitude). Column names are folded (case, accents,
spaces) and mapped through ALIASES, so "Code INSEE", "code_insee" and "insee" are one column."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Any

from openpyxl import load_workbook

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000

COLUMNS = ("identifiant", "structure", "forme_juridique", "nature", "siret", "lieu", "type",
           "commune_insee", "adresse", "code_postal", "latitude", "longitude", "services",
           "email_gestionnaires", "email", "telephone", "site_web")

ALIASES = {
    "id": "identifiant", "identifier": "identifiant", "ref": "identifiant",
    "reference": "identifiant",
    "operateur": "structure", "operator": "structure", "porteur": "structure",
    "structure_porteuse": "structure", "carrier": "structure",
    "legal_form": "forme_juridique", "statut_juridique": "forme_juridique",
    "carrier_kind": "nature", "public_prive": "nature",
    "nom": "lieu", "nom_du_lieu": "lieu", "place": "lieu", "name": "lieu",
    "kind": "type", "type_de_lieu": "type",
    "insee": "commune_insee", "code_insee": "commune_insee", "code_commune": "commune_insee",
    "insee_code": "commune_insee", "commune": "commune_insee",
    "address": "adresse", "cp": "code_postal", "postal_code": "code_postal",
    "lat": "latitude", "lon": "longitude", "lng": "longitude",
    "gestionnaires": "email_gestionnaires", "managers": "email_gestionnaires",
    "email_gestionnaire": "email_gestionnaires", "manager_emails": "email_gestionnaires",
    "courriel": "email", "phone": "telephone", "tel": "telephone",
    "website": "site_web", "site": "site_web",
}


class CensusFileError(ValueError):
    """The file itself cannot be read (not the rows: those are checked one by one)."""

    def __init__(self, fr: str, en: str) -> None:
        super().__init__(f"{fr} / {en}")


def column_name(header: Any) -> str:
    text = unicodedata.normalize("NFKD", str(header or "")).encode("ascii", "ignore").decode()
    text = "_".join(text.strip().lower().replace("-", " ").replace("'", " ").split())
    return ALIASES.get(text, text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) > 1e6:
        return str(int(value))  # a SIRET typed as a number in a spreadsheet
    return str(value).strip()


def _rows_from(headers: list[Any], records: Any) -> list[dict[str, str]]:
    names = [column_name(header) for header in headers]
    rows = []
    for record in records:
        values = [_cell(value) for value in record]
        if not any(values):
            continue
        rows.append({name: value for name, value in zip(names, values, strict=False) if name})
        if len(rows) > MAX_ROWS:
            raise CensusFileError(f"plus de {MAX_ROWS} lignes.", f"over {MAX_ROWS} rows.")
    return rows


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CensusFileError("encodage illisible.", "unreadable encoding.")  # pragma: no cover


def read_csv(data: bytes) -> list[dict[str, str]]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration as empty:
        raise CensusFileError("fichier vide.", "empty file.") from empty
    return _rows_from(headers, reader)


def read_xlsx(data: bytes) -> list[dict[str, str]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not XLSX
        raise CensusFileError("classeur XLSX illisible.", "unreadable XLSX workbook.") from error
    try:
        sheet = workbook.worksheets[0]
        records = sheet.iter_rows(values_only=True)
        headers = next(records, None)
        if headers is None:
            raise CensusFileError("feuille vide.", "empty sheet.")
        return _rows_from(list(headers), records)
    finally:
        workbook.close()


def read_geojson(data: bytes) -> list[dict[str, str]]:
    try:
        document = json.loads(_decode(data))
    except ValueError as error:
        raise CensusFileError("GeoJSON illisible.", "unreadable GeoJSON.") from error
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise CensusFileError("une FeatureCollection est attendue.",
                              "a FeatureCollection is expected.")
    headers: list[str] = []
    records: list[list[Any]] = []
    for feature in features:
        properties = dict((feature or {}).get("properties") or {})
        geometry = (feature or {}).get("geometry") or {}
        if geometry.get("type") == "Point" and len(geometry.get("coordinates") or []) >= 2:
            properties["longitude"], properties["latitude"] = geometry["coordinates"][:2]
        for key in properties:
            if key not in headers:
                headers.append(key)
        records.append([properties.get(key) for key in headers])
    return _rows_from(headers, [record + [None] * (len(headers) - len(record))
                                for record in records])


READERS = {"csv": read_csv, "xlsx": read_xlsx, "geojson": read_geojson}


def format_of(name: str) -> str | None:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {"csv": "csv", "xlsx": "xlsx", "geojson": "geojson", "json": "geojson"}.get(extension)


def read_rows(data: bytes, file_format: str) -> list[dict[str, str]]:
    if len(data) > MAX_FILE_BYTES:
        raise CensusFileError("plus de 10 Mo.", "over 10 MB.")
    return READERS[file_format](data)
