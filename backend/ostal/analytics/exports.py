"""CSV exports: every dashboard table, streamed row by row.

Format (docs/analytics-method.md): UTF-8, one header row, comma-separated with RFC 4180
quoting and a decimal point by default; `delimiter=semicolon` gives semicolons and a UTF-8 byte
order mark, for spreadsheets set to French. Rates are fractions (0.4375), minutes integers,
money decimal strings; a suppressed figure (fewer than 5 people) reads "< 5", an undefined rate
is empty.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.http import StreamingHttpResponse

from ostal.analytics.method import SUPPRESSED_LABEL

CONTENT_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"


@dataclass(frozen=True)
class Column:
    header: str
    get: Callable[[dict[str, Any]], Any]
    people: bool = False  # None here means "suppressed", not "undefined"


def col(key: str, header: str | None = None, *, people: bool = False) -> Column:
    return Column(header or key, lambda row: row.get(key), people)


def _cell(value: Any, column: Column, row: dict[str, Any]) -> str:
    if value is None:
        return SUPPRESSED_LABEL if column.people and row.get("suppressed") else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "|".join(str(item) for item in value)
    return str(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(columns: list[Column], rows: Iterable[dict[str, Any]], *,
              delimiter: str = ",") -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=delimiter, lineterminator="\r\n")
    yield writer.writerow([column.header for column in columns])
    for row in rows:
        yield writer.writerow([_cell(column.get(row), column, row) for column in columns])


def csv_response(filename: str, columns: list[Column], rows: Iterable[dict[str, Any]], *,
                 delimiter: str = "comma") -> StreamingHttpResponse:
    """A streamed CSV download (`text/csv; charset=utf-8`, attachment `filename`)."""
    separator = ";" if delimiter == "semicolon" else ","
    lines = csv_lines(columns, rows, delimiter=separator)
    body: Iterator[str] = _with_bom(lines) if separator == ";" else lines
    response = StreamingHttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _with_bom(lines: Iterator[str]) -> Iterator[str]:
    yield BOM
    yield from lines


OCCUPANCY = [col("open_minutes"), col("booked_minutes"), col("occupancy_rate"),
             col("bookings"), col("cancellations"), col("no_shows"), col("checked_in"),
             col("cancellation_rate"), col("no_show_rate")]


def _first_amount(row: dict[str, Any]) -> Any:
    money = row.get("revenue") or []
    return money[0]["amount"] if money else None


def _first_currency(row: dict[str, Any]) -> Any:
    money = row.get("revenue") or []
    return money[0]["currency"] if money else None


MANAGER_TABLES: dict[str, tuple[Callable[[dict[str, Any]], list[dict[str, Any]]],
                                list[Column]]] = {
    "series": (lambda d: d["series"],
               [col("start"), col("end"), *OCCUPANCY,
                Column("revenue", _first_amount), Column("currency", _first_currency),
                col("credits_redeemed")]),
    "by-kind": (lambda d: d["by_kind"], [col("resource_kind"), *OCCUPANCY]),
    "resources": (lambda d: d["by_resource"],
                  [col("space_name", "place"), col("resource_name", "resource"),
                   col("resource_kind"), *OCCUPANCY]),
    "heatmap": (lambda d: d["heatmap"],
                [col("weekday"), col("hour"), col("open_minutes"), col("booked_minutes"),
                 col("occupancy_rate")]),
    "busiest-days": (lambda d: d["busiest_days"],
                     [col("date"), col("occupancy_rate"), col("open_minutes"),
                      col("booked_minutes"), col("bookings")]),
    "emptiest-days": (lambda d: d["emptiest_days"],
                      [col("date"), col("occupancy_rate"), col("open_minutes"),
                       col("booked_minutes"), col("bookings")]),
}

GROUP = [col("key"), col("places"), *OCCUPANCY, col("members", people=True)]

NETWORK_TABLES: dict[str, tuple[Callable[[dict[str, Any]], list[dict[str, Any]]],
                                list[Column]]] = {
    "departments": (lambda d: d["by_department"], GROUP),
    "settings": (lambda d: d["by_setting"], GROUP),
    "carrier-kinds": (lambda d: d["by_carrier_kind"], GROUP),
    "pass-redemptions": (lambda d: d["pass_redemptions"],
                         [col("space_name", "place"), col("department_code"),
                          col("pass_credits_redeemed", people=True),
                          col("members", people=True)]),
    "unmet-demand": (lambda d: d["unmet_demand"]["by_department"],
                     [col("department_code"), col("empty_directory_searches"),
                      col("empty_availability_searches"),
                      col("waitlist_entries", people=True), col("waitlist_members", people=True),
                      col("waitlist_served", people=True)]),
    "commute": (lambda d: d["commute"]["by_department"],
                [col("department_code"), col("people", people=True), col("days", people=True),
                 col("km_avoided", people=True), col("co2_kg_avoided", people=True)]),
}

OPEN_DATA_OCCUPANCY = [col("month"), col("department_code"), col("department_name"),
                       col("places"), col("open_hours", people=True),
                       col("booked_hours", people=True), col("occupancy_rate", people=True),
                       col("members", people=True)]


def directory_rows(spaces: Iterable[Any], site_url: str) -> Iterator[dict[str, Any]]:
    for space in spaces:
        yield {"name": space.name, "url": f"{site_url}/lieux/{space.slug}",
               "kind": space.kind, "setting": space.setting, "operator": space.operator.name,
               "carrier_kind": space.operator.carrier_kind, "commune": space.commune.name,
               "insee_code": space.commune.insee_code,
               "department_code": space.department_code, "latitude": space.latitude,
               "longitude": space.longitude,
               "accepts_network_pass": space.accepts_network_pass,
               "services": [service.code for service in space.services.all()]}


DIRECTORY = [col(name) for name in (
    "name", "url", "kind", "setting", "operator", "carrier_kind", "commune", "insee_code",
    "department_code", "latitude", "longitude", "accepts_network_pass", "services")]

__all__ = ["CONTENT_TYPE", "DIRECTORY", "MANAGER_TABLES", "NETWORK_TABLES",
           "OPEN_DATA_OCCUPANCY", "csv_response", "directory_rows"]
