"""The re-identification attacks of issue 22, run against every aggregate endpoint and export.

The data set is the issue's: an employer of 8 employees, one alone in a cost centre and one
alone in a department; 10 members, one alone in a department in March and the only one present
in January. Each attack is what an employer admin, a network admin or the public would do with
the API as it is: when the API refuses the way in (an arbitrary range, a year), the attack tries
what is left (a month). An attack succeeds when it derives a figure about fewer than 5 people
(one person, here) that no published row was allowed to show.

On main before issue 22 the eight attacks succeeded; `ATTACKS` must all fail now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from ostal.analytics.services import rollups_rebuild
from ostal.bookings.models import Booking
from ostal.employers.models import CostCentre, EmployerBooking, Employment
from tests.backend.analytics.conftest import (
    FIGEAC,
    MENDE,
    MONTPELLIER,
    TOULOUSE,
    booking,
    declare,
    make_space,
    people,
)
from tests.factories.bookings import WaitlistEntryFactory

pytestmark = pytest.mark.django_db

NETWORK = "/api/v1/analytics/network/dashboard/"
JAN = [dt.date(2026, 1, 13), dt.date(2026, 1, 14)]
FEB = [dt.date(2026, 2, 3), dt.date(2026, 2, 4)]
MAR = [dt.date(2026, 3, 3), dt.date(2026, 3, 4)]


def _number(value: Any) -> Decimal:
    return Decimal(str(value or 0))


@pytest.fixture
def small_groups(operator_cy, operator_dee, employer_acme, employee_eve) -> dict[str, Any]:
    """Ten members: nine work at Mende (48); Lou alone at Figeac (46), the only one present in
    January. Eight of them are Acme's employees: seven in « Ventes », Rémi alone in « R&D »
    and alone at Toulouse (31). Everyone declared a commute."""
    mende = make_space(operator_cy, "Tiers-lieu de Mende", insee=MENDE, desks=10)
    figeac = make_space(operator_cy, "La Fabrique", insee=FIGEAC)
    toulouse = make_space(operator_dee, "Chez Dee", insee=TOULOUSE, desks=1, rooms=0)
    nine = people(9, "m")
    (lou,) = people(1, "lou")
    for member in [*nine, lou]:
        declare(member, MENDE, MONTPELLIER)
    for n, member in enumerate(nine):
        for day in FEB + MAR:
            booking(mende, f"D{n + 1}", day, (9, 0), (18, 0), member=member,
                    status=Booking.Status.CHECKED_IN)
    for day in JAN + MAR:
        booking(figeac, "D1", day, (9, 0), (18, 0), member=lou, status=Booking.Status.CHECKED_IN)
    for n, member in enumerate(nine[:6]):
        WaitlistEntryFactory(space=mende, member=member, date=MAR[0] + dt.timedelta(days=n))
    WaitlistEntryFactory(space=figeac, member=lou, date=MAR[0])

    sales = CostCentre.objects.create(employer=employer_acme, name="Ventes")
    research = CostCentre.objects.create(employer=employer_acme, name="R&D")
    remi = people(1, "remi")[0]
    declare(remi, TOULOUSE, MONTPELLIER)
    staff = [*nine[:7], remi]
    for member in staff:
        Employment.objects.create(employer=employer_acme, user=member, email=member.email,
                                  status=Employment.Status.ACTIVE,
                                  cost_centre=research if member is remi else sales)
    Employment.objects.filter(user=employee_eve).update(status=Employment.Status.LEFT)
    for member in nine[:7]:
        for day in MAR:
            fund(employer_acme, member, Booking.objects.get(member=member, local_date=day))
    for day in MAR:
        fund(employer_acme, remi, booking(toulouse, "D1", day, (9, 0), (18, 0), member=remi,
                                          status=Booking.Status.CHECKED_IN))
    rollups_rebuild(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    return {"employer": employer_acme, "lou": lou, "remi": remi, "mende": mende,
            "staff": staff}


def fund(employer, member, booked: Booking) -> EmployerBooking:
    employment = Employment.objects.get(employer=employer, user=member)
    return EmployerBooking.objects.create(
        employer=employer, employment=employment, cost_centre=employment.cost_centre,
        booking=booked, local_date=booked.local_date,
        department_code=booked.space.department_code, days=Decimal("1.0"), company_units=100,
        company_amount=Decimal("15.00"))


def employer_commute(client, employer) -> dict[str, Any] | None:
    """The employer's CSR commute figure as the API gives it: the year if it still answers a
    year (it did), else the last closed month."""
    base = f"/api/v1/employers/{employer.pk}/commute/"
    answer = client.get(base + "?year=2026")
    if answer.status_code == 400:
        answer = client.get(base + "?month=2026-03")
    return answer.json() if answer.status_code == 200 else None


def network(client, **query: str) -> dict[str, Any] | None:
    answer = client.get(NETWORK, query)
    return answer.json() if answer.status_code == 200 else None


def march_as_published(client) -> dict[str, Any] | None:
    """March as the observatory gives it: as a range while ranges were answered, else the
    month."""
    return network(client, **{"from": "2026-03-01", "to": "2026-03-31"}) \
        or network(client, month="2026-03")


# --- the attacks: each returns what it learnt about one person, or None --------------------


def before_and_after_a_booking(client_as, data) -> Any:
    """1. The employer reads its commute figure, an employee books one more day (one the
    monthly usage names), the employer reads it again: the difference is her day's km."""
    ed = client_as("employer_admin_ed")
    before = employer_commute(ed, data["employer"])
    member = data["staff"][0]
    extra = booking(data["mende"], "D1", dt.date(2026, 3, 12), (9, 0), (18, 0), member=member,
                    status=Booking.Status.CHECKED_IN)
    fund(data["employer"], member, extra)
    rollups_rebuild(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    after = employer_commute(ed, data["employer"])
    if before is None or after is None or before.get("km_avoided") is None:
        return None
    difference = _number(after["km_avoided"]) - _number(before["km_avoided"])
    return difference or None


def overlapping_periods(client_as, data) -> Any:
    """2. The network's commute for January-February minus February is January: Lou alone."""
    nina = client_as("network_admin_nina")
    both = network(nina, **{"from": "2026-01-01", "to": "2026-02-28"})
    february = network(nina, **{"from": "2026-02-01", "to": "2026-02-28"})
    if both and february and both["commute"]["days"] is not None \
            and february["commute"]["days"] is not None:
        return both["commute"]["days"] - february["commute"]["days"] or None
    january = network(nina, month="2026-01")
    if january and january["commute"]["days"]:
        return january["commute"]["days"]
    return None


def total_minus_parts_commute(client_as, data) -> Any:
    """3. March's commute total minus its published departments: the hidden one."""
    march = march_as_published(client_as("network_admin_nina"))
    if march is None or march["commute"]["km_avoided"] is None:
        return None
    rows = march["commute"]["by_department"]
    shown = [row for row in rows if not row["suppressed"]]  # « autres » covers 5 or more
    rest = _number(march["commute"]["km_avoided"]) - sum(_number(r["km_avoided"]) for r in shown)
    people_left = (march["commute"]["people"] or 0) - sum(r["people"] for r in shown)
    return rest if rest and people_left < 5 else None


def total_minus_parts_waitlists(client_as, data) -> Any:
    """4. March's waiting-list entries minus the published departments: Lou's."""
    march = march_as_published(client_as("network_admin_nina"))
    if march is None or march["unmet_demand"]["waitlist_entries"] is None:
        return None
    rows = march["unmet_demand"]["by_department"]
    shown = [row for row in rows if not row["suppressed"]]  # « autres » covers 5 or more
    return (march["unmet_demand"]["waitlist_entries"]
            - sum(row["waitlist_entries"] for row in shown)) or None


def employer_usage_by_department(client_as, data) -> Any:
    """5. A department row about fewer than 5 employees, crossed with the per-employee rows,
    tells where a named employee worked."""
    usage = client_as("employer_admin_ed").get(
        f"/api/v1/employers/{data['employer'].pk}/usage/?month=2026-03").json()
    small = [row for row in usage["departments"]
             if row["department_code"] != "autres" and 0 < row["employees"] < 5]
    return small or None


def employer_usage_by_cost_centre(client_as, data) -> Any:
    """6. The same with the cost centre of one person (and its CSV export)."""
    employer = data["employer"]
    ed = client_as("employer_admin_ed")
    usage = ed.get(f"/api/v1/employers/{employer.pk}/usage/?month=2026-03").json()
    small = [row for row in usage["cost_centres"]
             if row["cost_centre"] != "autres" and 0 < row["employees"] < 5]
    csv = ed.get(f"/api/v1/employers/{employer.pk}/usage.csv?month=2026-03&by=cost_centre")
    if "R&D" in csv.content.decode("utf-8-sig"):
        small.append("R&D in the CSV")
    return small or None


def small_cells_in_occupancy(client_as, data) -> Any:
    """7. A department whose member count is hidden while its bookings and booked minutes are
    shown (network dashboard, its CSV, and the open data)."""
    client = client_as("network_admin_nina")
    march = march_as_published(client)
    leaks = [row for row in (march or {}).get("by_department", [])
             if row["suppressed"] and row["booked_minutes"]]
    for url in [NETWORK + "departments.csv?month=2026-03",
                NETWORK + "departments.csv?from=2026-03-01&to=2026-03-31",
                "/api/v1/open-data/occupancy-by-department.csv"]:
        answer = client.get(url)
        if answer.status_code != 200:
            continue
        lines = b"".join(answer.streaming_content).decode().splitlines()
        header = lines[0].split(",")
        for line in lines[1:]:
            row = dict(zip(header, line.split(","), strict=False))
            if "< 5" in line and any(row.get(k) not in ("", "< 5", None) for k in
                                     ("booked_minutes", "booked_hours")):
                leaks.append(line)
    return leaks or None


def personally_paid_days(client_as, data) -> Any:
    """8. The employer's figure moves when an employee works a day she paid herself: the
    employer learns of a day it did not fund (and, with the usage, where)."""
    ed = client_as("employer_admin_ed")
    before = employer_commute(ed, data["employer"])
    booking(data["mende"], "D2", dt.date(2026, 3, 13), (9, 0), (18, 0),
            member=data["staff"][1], status=Booking.Status.CHECKED_IN)
    rollups_rebuild(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    after = employer_commute(ed, data["employer"])
    if before is None or after is None or before.get("days") is None:
        return None
    return (after["days"] - before["days"]) or None


ATTACKS: list[Callable[..., Any]] = [
    before_and_after_a_booking, overlapping_periods, total_minus_parts_commute,
    total_minus_parts_waitlists, employer_usage_by_department, employer_usage_by_cost_centre,
    small_cells_in_occupancy, personally_paid_days]


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda attack: attack.__name__)
def test_no_attack_singles_anyone_out(attack, client_as, small_groups) -> None:
    learnt = attack(client_as, small_groups)

    assert learnt is None, f"{attack.__name__} singled someone out: {learnt}"


def test_every_published_group_covers_five_people_or_nobody(client_as, small_groups) -> None:
    march = network(client_as("network_admin_nina"), month="2026-03")
    assert march is not None
    rows = (march["by_department"] + march["by_setting"] + march["by_carrier_kind"]
            + march["pass_redemptions"] + march["unmet_demand"]["by_department"]
            + march["commute"]["by_department"])
    for row in rows:
        if row["suppressed"]:
            assert all(row.get(key) is None for key in ("members", "booked_minutes", "people",
                                                         "waitlist_entries", "km_avoided"))
    keys = {row["key"] for row in march["by_department"] if row["members"]}
    assert "46" not in keys  # Lou's department never appears on its own
    assert "46" not in {row["department_code"] for row in march["commute"]["by_department"]}
    usage = client_as("employer_admin_ed").get(
        f"/api/v1/employers/{small_groups['employer'].pk}/usage/?month=2026-03").json()
    assert {row["department_code"] for row in usage["departments"]} == {"autres"}
    assert {row["cost_centre"] for row in usage["cost_centres"]} == {"autres"}


def test_ranges_are_refused_and_open_months_are_not_published(client_as, small_groups) -> None:
    nina = client_as("network_admin_nina")
    ranged = nina.get(NETWORK, {"from": "2026-01-01", "to": "2026-02-28"})
    current = nina.get(NETWORK, {"month": "2026-04"})
    bad = nina.get(NETWORK, {"month": "2026-13"})
    year = client_as("employer_admin_ed").get(
        f"/api/v1/employers/{small_groups['employer'].pk}/commute/?year=2026")

    assert ranged.status_code == current.status_code == bad.status_code == 400
    assert "from" in ranged.json()["fields"]
    assert "month" in current.json()["fields"]
    assert "month" in bad.json()["fields"]
    assert year.status_code == 400
    assert "year" in year.json()["fields"]


def test_a_published_month_never_changes(client_as, small_groups) -> None:
    nina = client_as("network_admin_nina")
    first = nina.get(NETWORK, {"month": "2026-03"}).json()
    booking(small_groups["mende"], "D3", dt.date(2026, 3, 20), (9, 0), (18, 0),
            status=Booking.Status.CHECKED_IN)
    rollups_rebuild(dt.date(2026, 3, 1), dt.date(2026, 3, 31))

    with time_machine.travel(dt.datetime(2026, 9, 1, 8, tzinfo=dt.UTC), tick=False):
        later = nina.get(NETWORK, {"month": "2026-03"}).json()

    assert later == first


def test_the_employer_counts_only_the_days_it_funded(small_groups) -> None:
    from ostal.analytics.selectors import Period, commute_avoided_for_employer

    march = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    booking(small_groups["mende"], "D2", dt.date(2026, 3, 13), (9, 0), (18, 0),
            member=small_groups["staff"][1], status=Booking.Status.CHECKED_IN)  # paid herself
    rollups_rebuild(march.date_from, march.date_to)

    figures = commute_avoided_for_employer(employer_id=small_groups["employer"].pk,
                                           period=march)

    assert (figures["people"], figures["days"]) == (8, 16)  # 8 employees x 2 funded days


def test_closed_months_are_published_once_by_the_monthly_run(small_groups) -> None:
    from django.core.management import call_command

    from ostal.analytics.api.publishing import publish_closed_months
    from ostal.analytics.models import Publication

    call_command("publish_closed_months", verbosity=0)

    published = sorted(Publication.objects.values_list("month", flat=True))
    assert published == [dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)]
    assert publish_closed_months() == []  # April is not over; the others are done
