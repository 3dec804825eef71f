"""Benchmark: the manager's month dashboard and the network dashboard (not a test; a script).

    python tests/bench/bench_dashboards.py [--iterations 10] [--bookings 1000000] [--keep]

Creates a fresh PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/ostal_bench_dashboards), migrates it, generates 120 places,
~2,300 resources, 5,000 members (2,000 with a commute declaration) and 1,000,000 bookings over
a year (one INSERT ... SELECT over generate_series), builds the rollups with the real service
(`rollups_rebuild`), then, in the same run, times:

- the manager's month dashboard (GET /api/v1/analytics/manager/dashboard/, a manager of two
  places, one month) against one hand-written SQL aggregate computing the same figures from
  the raw bookings and opening hours;
- the network dashboard of one closed month (GET /api/v1/analytics/network/dashboard/?month=,
  issue 22: published per month, never a range): building the publication (the selector with
  its merged groups and noise, what the first read after the month does once) and reading the
  stored publication (every later read), against one hand-written SQL aggregate of the same
  figures from the raw bookings.

Answers are compared (booked and open minutes per day and kind, per department; members per
department; commute kilometres; the network's exact figures, before noise) before timing.
Results go to docs/benchmarks/dashboards.md.
The database is dropped at the end unless --keep. Runtime about 4 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO / "backend"), str(REPO)]

BENCH_URL = os.environ.get("BENCH_DATABASE_URL",
                           "postgres://postgres@127.0.0.1:5432/ostal_bench_dashboards")
os.environ["DATABASE_URL"] = BENCH_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")

PLACES = 120
MEMBERS = 5000
DECLARED = 2000
FIRST_DAY = dt.date(2025, 4, 1)
LAST_DAY = dt.date(2026, 3, 31)  # a year, across both DST changes
MONTH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
SEED = 20260329
REPORT = REPO / "docs" / "benchmarks" / "dashboards.md"


def say(text: str) -> None:
    print(text, flush=True)  # noqa: T201 - a script's output


def recreate_database() -> None:
    import psycopg

    url = urlparse(BENCH_URL)
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.path.lstrip("/")}"')
        conn.execute(f'CREATE DATABASE "{url.path.lstrip("/")}"')


def drop_database() -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    url = urlparse(BENCH_URL)
    with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.path.lstrip("/")}"')


# --- data -------------------------------------------------------------------------------------

BOOKINGS_SQL = """
SELECT setseed(0.42);
INSERT INTO bookings_booking (created_at, updated_at, reference, space_id, resource_id,
    resource_kind, member_id, status, source, start, "end", local_date, part, attendees,
    idempotency_key, request_fingerprint, sequence)
SELECT now(), now(), gen_random_uuid(), c.space_id, c.resource_id, c.kind,
       %(first_member)s + c.space_rank * 40 + floor(random() * 40)::int
           + CASE WHEN random() < 0.1 THEN floor(random() * 200)::int ELSE 0 END,
       CASE WHEN c.roll < 0.08 THEN 'cancelled' WHEN c.roll < 0.12 THEN 'no_show'
            WHEN c.roll < 0.57 THEN 'checked_in' ELSE 'confirmed' END,
       'member', (c.d + c.lo) AT TIME ZONE 'Europe/Paris', (c.d + c.hi) AT TIME ZONE 'Europe/Paris',
       c.d, c.part, 1, '', '', 0
FROM (
    SELECT s.*, random() AS roll FROM (
        SELECT r.id AS resource_id, r.space_id, r.kind, sp.rank AS space_rank, o.d,
               k.part, k.lo, k.hi
        FROM spaces_resource r
        JOIN (SELECT id, dense_rank() OVER (ORDER BY id) - 1 AS rank FROM spaces_space) sp
          ON sp.id = r.space_id
        JOIN (SELECT oh.space_id, d::date AS d, oh.opens, oh.closes
              FROM spaces_openinghours oh
              JOIN generate_series(%(first)s::date, %(last)s::date, interval '1 day') d
                ON oh.weekday = extract(isodow FROM d)::int - 1
              WHERE NOT EXISTS (SELECT 1 FROM spaces_closure c WHERE c.space_id = oh.space_id
                                AND d::date BETWEEN c.start_date AND c.end_date)) o
          ON o.space_id = r.space_id
        CROSS JOIN LATERAL (
            SELECT 'morning', o.opens, time '13:00' WHERE r.kind = 'desk'
            UNION ALL SELECT 'afternoon', time '13:00', o.closes WHERE r.kind = 'desk'
            UNION ALL SELECT 'custom', make_time(h, 0, 0), make_time(h + 1, 0, 0)
                      FROM generate_series(9, 16) h WHERE r.kind = 'meeting_room'
        ) k(part, lo, hi)
    ) s WHERE random() < %(keep)s
) c
LIMIT %(limit)s
"""


def generate(target: int) -> dict[str, int]:
    from django.db import connection

    from ostal.accounts.models import CommuteDeclaration, User
    from ostal.spaces.models import Closure, Commune, OpeningHours, Operator, Resource, Space

    rng = random.Random(SEED)
    communes = list(Commune.objects.filter(population__gte=1500).order_by("insee_code"))
    operators = Operator.objects.bulk_create(
        Operator(name=f"Structure {n}", legal_form="association",
                 carrier_kind="public" if n % 3 == 0 else "private") for n in range(60))
    spaces = Space.objects.bulk_create(
        Space(operator=operators[n // 2], name=f"Tiers-lieu {n:03d}", slug=f"tl-{n:03d}",
              kind="coworking", setting=("urban", "periurban", "rural")[n % 3],
              commune=place, department_code=place.department_code,
              latitude=place.latitude, longitude=place.longitude)
        for n, place in enumerate(rng.choice(communes) for _ in range(PLACES)))
    hours, closures, resources = [], [], []
    for space in spaces:
        opens = rng.choice([dt.time(8), dt.time(8, 30), dt.time(9)])
        closes = rng.choice([dt.time(17, 30), dt.time(18), dt.time(19)])
        hours += [OpeningHours(space=space, weekday=day, opens=opens, closes=closes)
                  for day in range(5)]
        if rng.random() < 0.3:
            start = FIRST_DAY + dt.timedelta(days=rng.randrange(360))
            closures.append(Closure(space=space, start_date=start,
                                    end_date=start + dt.timedelta(days=rng.randint(0, 9))))
        resources += [Resource(space=space, kind="desk", name=f"Poste {n + 1}")
                      for n in range(rng.randint(14, 20))]
        resources += [Resource(space=space, kind="meeting_room", name=f"Salle {n + 1}",
                               capacity=8) for n in range(rng.randint(1, 2))]
    OpeningHours.objects.bulk_create(hours)
    Closure.objects.bulk_create(closures)
    Resource.objects.bulk_create(resources)
    members = User.objects.bulk_create(
        User(email=f"membre{n}@example.org", password="!") for n in range(MEMBERS))
    CommuteDeclaration.objects.bulk_create(
        CommuteDeclaration(user=member, home_commune=rng.choice(communes),
                           workplace_commune=rng.choice(communes))
        for member in rng.sample(members, DECLARED))
    first_member = min(member.pk for member in members)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(BOOKINGS_SQL, {"first": FIRST_DAY, "last": LAST_DAY, "keep": 0.72,
                                      "limit": target, "first_member": first_member})
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM bookings_booking")
        bookings = cursor.fetchone()[0]
    say(f"  {bookings:,} bookings inserted in {time.perf_counter() - started:.0f} s")
    return {"places": len(spaces), "resources": len(resources), "members": len(members),
            "commute declarations": DECLARED, "closures": len(closures), "bookings": bookings}


# --- the baselines ---------------------------------------------------------------------------

WINDOWS_CTE = """
days AS (SELECT d::date AS d
         FROM generate_series(%(from)s::date, %(to)s::date, interval '1 day') d),
windows AS (  -- opening windows of each place and local date, as UTC instants
    SELECT p.id AS space_id, days.d,
           (days.d + w.opens) AT TIME ZONE p.timezone AS lo,
           (days.d + w.closes) AT TIME ZONE p.timezone AS hi
    FROM places p CROSS JOIN days
    JOIN LATERAL (
        SELECT so.opens, so.closes FROM spaces_specialopening so
        WHERE so.space_id = p.id AND so.date = days.d
        UNION ALL
        SELECT oh.opens, oh.closes FROM spaces_openinghours oh
        WHERE oh.space_id = p.id AND oh.weekday = extract(isodow FROM days.d)::int - 1
          AND NOT EXISTS (SELECT 1 FROM spaces_specialopening x
                          WHERE x.space_id = p.id AND x.date = days.d)
    ) w ON TRUE
    WHERE NOT EXISTS (SELECT 1 FROM spaces_closure c WHERE c.space_id = p.id
                      AND days.d BETWEEN c.start_date AND c.end_date)
),
kinds AS (SELECT space_id, kind, count(*) AS n FROM spaces_resource
          WHERE is_active AND space_id IN (SELECT id FROM places) GROUP BY 1, 2)
"""

MANAGER_SQL = """
WITH places AS (SELECT id, timezone FROM spaces_space WHERE operator_id = %(operator)s),
""" + WINDOWS_CTE + """,
b AS (SELECT b.* FROM bookings_booking b
      WHERE b.space_id IN (SELECT id FROM places)
        AND b.local_date BETWEEN %(from)s AND %(to)s
        AND b.status NOT IN ('held', 'expired')),
open_daily AS (
    SELECT k.kind, w.d, sum(k.n * extract(epoch FROM w.hi - w.lo) / 60) AS open_minutes
    FROM windows w JOIN kinds k ON k.space_id = w.space_id GROUP BY 1, 2),
booked_daily AS (
    SELECT b.resource_kind AS kind, b.local_date AS d,
           sum(extract(epoch FROM b."end" - b.start) / 60)
               FILTER (WHERE b.status IN ('confirmed', 'checked_in')) AS booked,
           count(*) AS bookings, count(*) FILTER (WHERE b.status = 'cancelled') AS cancelled,
           count(*) FILTER (WHERE b.status = 'no_show') AS no_shows,
           count(*) FILTER (WHERE b.status = 'checked_in') AS checked_in
    FROM b GROUP BY 1, 2),
hours AS (SELECT h FROM generate_series(0, 23) h),
heat_open AS (
    SELECT extract(isodow FROM w.d)::int AS dow, h.h,
           sum(k.n * greatest(0, extract(epoch FROM
               least(w.hi, (w.d + make_time(h.h, 0, 0) + interval '1 hour') AT TIME ZONE p.timezone)
               - greatest(w.lo, (w.d + make_time(h.h, 0, 0)) AT TIME ZONE p.timezone)) / 60)) AS m
    FROM windows w JOIN places p ON p.id = w.space_id JOIN kinds k ON k.space_id = w.space_id
    CROSS JOIN hours h GROUP BY 1, 2),
heat_booked AS (
    SELECT extract(isodow FROM b.local_date)::int AS dow, h.h,
           sum(greatest(0, extract(epoch FROM
               least(b."end", (b.local_date + make_time(h.h, 0, 0) + interval '1 hour')
                     AT TIME ZONE p.timezone)
               - greatest(b.start, (b.local_date + make_time(h.h, 0, 0)) AT TIME ZONE p.timezone))
               / 60)) AS m
    FROM b JOIN places p ON p.id = b.space_id CROSS JOIN hours h
    WHERE b.status IN ('confirmed', 'checked_in') GROUP BY 1, 2),
per_resource AS (
    SELECT r.id, r.kind, (SELECT coalesce(sum(extract(epoch FROM w.hi - w.lo) / 60), 0)
                          FROM windows w WHERE w.space_id = r.space_id) AS open_minutes,
           coalesce(sum(extract(epoch FROM b."end" - b.start) / 60)
               FILTER (WHERE b.status IN ('confirmed', 'checked_in')), 0) AS booked,
           count(b.id) AS bookings
    FROM spaces_resource r LEFT JOIN b ON b.resource_id = r.id
    WHERE r.space_id IN (SELECT id FROM places) GROUP BY r.id, r.kind),
revenue AS (
    SELECT b.local_date AS d, sum(pay.amount - pay.amount_refunded) AS amount
    FROM billing_payment pay JOIN b ON b.id = pay.booking_id
    WHERE pay.status IN ('succeeded', 'partially_refunded', 'refunded') GROUP BY 1)
SELECT 'day', coalesce(o.kind, bd.kind), coalesce(o.d, bd.d)::text,
       coalesce(o.open_minutes, 0), coalesce(bd.booked, 0), coalesce(bd.bookings, 0),
       coalesce(bd.cancelled, 0), coalesce(bd.no_shows, 0), coalesce(bd.checked_in, 0)
FROM open_daily o FULL JOIN booked_daily bd ON bd.kind = o.kind AND bd.d = o.d
UNION ALL
SELECT 'heat', ho.dow::text, ho.h::text, ho.m, coalesce(hb.m, 0), 0, 0, 0, 0
FROM heat_open ho LEFT JOIN heat_booked hb ON hb.dow = ho.dow AND hb.h = ho.h
UNION ALL
SELECT 'resource', pr.kind, pr.id::text, pr.open_minutes, pr.booked, pr.bookings, 0, 0, 0
FROM per_resource pr
UNION ALL
SELECT 'revenue', '', r.d::text, r.amount, 0, 0, 0, 0, 0 FROM revenue r
"""

NETWORK_SQL = """
WITH places AS (SELECT s.id, s.timezone, s.department_code, s.setting,
                       o.carrier_kind, s.commune_id
                FROM spaces_space s JOIN spaces_operator o ON o.id = s.operator_id
                WHERE s.is_published),
""" + WINDOWS_CTE + """,
open_place AS (
    SELECT w.space_id, sum(k.n * extract(epoch FROM w.hi - w.lo) / 60) AS open_minutes
    FROM windows w JOIN kinds k ON k.space_id = w.space_id GROUP BY 1),
booked_place AS (
    SELECT b.space_id,
           sum(extract(epoch FROM b."end" - b.start) / 60)
               FILTER (WHERE b.status IN ('confirmed', 'checked_in')) AS booked,
           count(*) AS bookings
    FROM bookings_booking b
    WHERE b.local_date BETWEEN %(from)s AND %(to)s AND b.status NOT IN ('held', 'expired')
    GROUP BY 1),
present AS (  -- one place per member and day: the earliest booking
    SELECT DISTINCT ON (b.member_id, b.local_date) b.member_id, b.local_date, b.space_id
    FROM bookings_booking b
    WHERE b.local_date BETWEEN %(from)s AND %(to)s
      AND (b.status = 'checked_in' OR (b.status = 'confirmed' AND b.local_date < %(today)s))
    ORDER BY b.member_id, b.local_date, b.start, b.id),
groups AS (
    SELECT 'department' AS dim, p.department_code AS key, p.id FROM places p
    UNION ALL SELECT 'setting', p.setting, p.id FROM places p
    UNION ALL SELECT 'carrier_kind', p.carrier_kind, p.id FROM places p),
occupancy AS (
    SELECT g.dim, g.key, count(*) AS places, sum(coalesce(op.open_minutes, 0)) AS open_minutes,
           sum(coalesce(bp.booked, 0)) AS booked, sum(coalesce(bp.bookings, 0)) AS bookings
    FROM groups g LEFT JOIN open_place op ON op.space_id = g.id
    LEFT JOIN booked_place bp ON bp.space_id = g.id GROUP BY 1, 2),
members AS (
    SELECT g.dim, g.key, count(DISTINCT pr.member_id) AS members
    FROM present pr JOIN groups g ON g.id = pr.space_id GROUP BY 1, 2),
commute AS (
    SELECT p.department_code, count(DISTINCT pr.member_id) AS people, count(*) AS days,
           sum(2 * 1.3 * 6371.0088 * (
               acos(least(1, sin(radians(h.latitude)) * sin(radians(w.latitude))
                    + cos(radians(h.latitude)) * cos(radians(w.latitude))
                      * cos(radians(w.longitude - h.longitude))))
             - acos(least(1, sin(radians(h.latitude)) * sin(radians(c.latitude))
                    + cos(radians(h.latitude)) * cos(radians(c.latitude))
                      * cos(radians(c.longitude - h.longitude)))))) AS km
    FROM present pr JOIN places p ON p.id = pr.space_id
    JOIN accounts_commutedeclaration cd ON cd.user_id = pr.member_id
    JOIN spaces_commune h ON h.insee_code = cd.home_commune_id
    JOIN spaces_commune w ON w.insee_code = cd.workplace_commune_id
    JOIN spaces_commune c ON c.insee_code = p.commune_id
    GROUP BY 1),
redemptions AS (
    SELECT b.space_id, -sum(e.delta) AS units, count(DISTINCT b.member_id) AS people
    FROM memberships_creditledgerentry e JOIN memberships_creditlot l ON l.id = e.lot_id
    JOIN bookings_booking b ON b.reference::text = e.reason_id
    WHERE e.reason_type = 'booking' AND l.scope = 'network'
      AND b.local_date BETWEEN %(from)s AND %(to)s GROUP BY 1)
SELECT 'occupancy', o.dim, o.key, o.places, o.open_minutes, o.booked, coalesce(m.members, 0)
FROM occupancy o LEFT JOIN members m ON m.dim = o.dim AND m.key = o.key
UNION ALL SELECT 'commute', 'department', department_code, people, days, km, 0 FROM commute
UNION ALL SELECT 'redemptions', '', space_id::text, units, people, 0, 0 FROM redemptions
UNION ALL SELECT 'members', '', '', count(DISTINCT member_id), 0, 0, 0 FROM present
"""


def timed(fn: Any, iterations: int) -> list[float]:
    for _ in range(2):
        fn()
    samples = []
    for _ in range(iterations):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--bookings", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    recreate_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ostal.accounts.models import User
    from ostal.analytics.api.serializers import NetworkDashboardOutputSerializer
    from ostal.analytics.publications import network_noise
    from ostal.analytics.selectors import Period, network_dashboard
    from ostal.analytics.services import rollups_rebuild
    from ostal.spaces.models import Operator

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    say("generating data…")
    sizes = generate(args.bookings)
    generate_seconds = time.perf_counter() - started
    say(f"data ready in {generate_seconds:.0f} s: {sizes}")

    started = time.perf_counter()
    result = rollups_rebuild(FIRST_DAY, LAST_DAY, today=dt.date(2026, 11, 1))
    rebuild_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    say(f"rollups built in {rebuild_seconds:.0f} s: {result}")

    operator = Operator.objects.order_by("pk").first()
    assert operator is not None
    manager = User.objects.create_user("manager@bench.example.org", "!")
    operator.managers.add(manager)
    admin = User.objects.create_user("admin@bench.example.org", "!", is_network_admin=True)
    manager_client, admin_client = Client(), Client()
    manager_client.force_login(manager)
    admin_client.force_login(admin)
    manager_url = (f"/api/v1/analytics/manager/dashboard/?from={MONTH[0]}&to={MONTH[1]}"
                   "&granularity=day")
    network_url = f"/api/v1/analytics/network/dashboard/?month={MONTH[0]:%Y-%m}"
    network_period = Period(*MONTH)

    def api(client: Client, url: str) -> dict[str, Any]:
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        return response.json()  # type: ignore[no-any-return]

    def sql(statement: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.fetchall()

    manager_params = {"operator": operator.pk, "from": MONTH[0], "to": MONTH[1]}
    network_params = {"from": MONTH[0], "to": MONTH[1], "today": dt.date(2026, 11, 1)}

    # Same answers first.
    body = api(manager_client, manager_url)
    rows = sql(MANAGER_SQL, manager_params)
    by_day = {(r[1], r[2]): (round(float(r[3])), round(float(r[4]))) for r in rows
              if r[0] == "day"}
    api_day = {(k["resource_kind"], p["start"]): (k["open_minutes"], k["booked_minutes"])
               for p in body["series"] for k in p["by_kind"]}
    assert {k: v for k, v in api_day.items() if v != (0, 0)} == {
        k: v for k, v in by_day.items() if v != (0, 0)}, "manager answers differ"
    heat_sql = {(int(r[1]) - 1, int(r[2])): round(float(r[4])) for r in rows
                if r[0] == "heat" and float(r[4])}
    heat_api = {(c["weekday"], c["hour"]): c["booked_minutes"] for c in body["heatmap"]
                if c["booked_minutes"]}
    assert heat_api == heat_sql, "heatmaps differ"
    network = network_dashboard(period=network_period)  # exact: noise comes at publication
    rows = sql(NETWORK_SQL, network_params)
    occupancy_sql = {(r[1], r[2]): (round(float(r[4])), round(float(r[5])), int(r[6]))
                     for r in rows if r[0] == "occupancy"}
    for dim, key in (("department", "by_department"), ("setting", "by_setting"),
                     ("carrier_kind", "by_carrier_kind")):
        for group in network[key]:
            if group["key"] == "autres":  # small groups merged: no SQL row of that name
                continue
            expected = occupancy_sql.get((dim, group["key"]), (0, 0, 0))
            assert (group["open_minutes"], group["booked_minutes"],
                    group["members"] or 0) == expected, (dim, group, expected)
    km_sql = sum(float(r[5]) for r in rows if r[0] == "commute")
    km_api = float(network["commute"]["km_avoided"])
    assert abs(km_api - km_sql) <= max(1.0, abs(km_sql) * 1e-4), (km_api, km_sql)
    say("answers identical (manager: per day and kind, heatmap; network: per department, "
        f"setting, carrier kind, members; commute {km_api:,.1f} km)")

    with CaptureQueriesContext(connection) as captured:
        api(manager_client, manager_url)
    manager_queries = len(captured)
    with CaptureQueriesContext(connection) as captured:
        api(admin_client, network_url)  # the first read publishes the month
    publish_queries = len(captured)
    with CaptureQueriesContext(connection) as captured:
        api(admin_client, network_url)
    network_queries = len(captured)

    def publish() -> Any:
        return NetworkDashboardOutputSerializer(network_dashboard(
            period=network_period, noise=network_noise())).data

    results = {}
    for name, call in (
            ("manager_api", lambda: api(manager_client, manager_url)),
            ("manager_sql", lambda: sql(MANAGER_SQL, manager_params)),
            ("network_publish", publish),
            ("network_api", lambda: api(admin_client, network_url)),
            ("network_sql", lambda: sql(NETWORK_SQL, network_params))):
        samples = timed(call, args.iterations)
        results[name] = (percentile(samples, 0.5), percentile(samples, 0.95))
        say(f"{name:12s} p50 {results[name][0]:8.1f} ms   p95 {results[name][1]:8.1f} ms")
    manager_ratio = results["manager_api"][0] / results["manager_sql"][0]
    network_ratio = results["network_api"][0] / results["network_sql"][0]
    publish_ratio = results["network_publish"][0] / results["network_sql"][0]
    say(f"manager API / SQL at p50: {manager_ratio:.3f}; network API / SQL: "
        f"{network_ratio:.3f}; building the publication / SQL: {publish_ratio:.3f}")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM analytics_occupancydaily")
        daily_rows = cursor.fetchone()[0]
    write_report(sizes, generate_seconds, rebuild_seconds, daily_rows, results, manager_ratio,
                 network_ratio, manager_queries, network_queries, args.iterations, pg_version,
                 publish_ratio=publish_ratio, publish_queries=publish_queries)
    say(f"written to {REPORT.relative_to(REPO)}")
    if not args.keep:
        drop_database()


def write_report(sizes: dict[str, int], generate_seconds: float, rebuild_seconds: float,
                 daily_rows: int, results: dict[str, tuple[float, float]],
                 manager_ratio: float, network_ratio: float, manager_queries: int,
                 network_queries: int, iterations: int, pg_version: str, *,
                 publish_ratio: float, publish_queries: int) -> None:
    size_rows = "\n".join(f"| {name} | {value:,} |" for name, value in sizes.items())

    def line(label: str, key: str, queries: int) -> str:
        p50, p95 = results[key]
        return f"| {label} | {p50:.1f} ms | {p95:.1f} ms | {queries} |"

    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(f"""# Benchmark: manager and network dashboards

Generated by `python tests/bench/bench_dashboards.py` on {dt.date.today().isoformat()}
(PostgreSQL {pg_version}, Python {platform.python_version()}, {os.cpu_count()} CPU,
{platform.machine()}). Not a timed test (not run in CI): rerun it after touching
`ostal.analytics`. `BENCH_DATABASE_URL` chooses the scratch database (created and dropped).

## Data (fresh database, seed {SEED})

| what | count |
|---|---:|
{size_rows}

A year of bookings ({FIRST_DAY} → {LAST_DAY}, both DST changes): desks by the half-day, rooms by
the hour, ~8 % cancelled and ~4 % no-show; members mostly book at "their" place. Bookings are
written by one `INSERT … SELECT` over `generate_series` (the exclusion constraint against
double booking stays on). Data generated in {generate_seconds:.0f} s (migrations included);
**rollups built in {rebuild_seconds:.0f} s** by the real service
(`rollups_rebuild({FIRST_DAY}, {LAST_DAY})`, {daily_rows:,} daily occupancy rows), i.e. what
the nightly task does for a whole year at once (it normally rebuilds about a week).

## Results ({iterations} timed calls each, after 2 warm-up calls)

| | p50 | p95 | queries |
|---|---:|---:|---:|
{line("Manager month dashboard, API (2 places, March 2026)", "manager_api", manager_queries)}
{line("  same figures, one hand-written SQL over the raw bookings", "manager_sql", 1)}
{line("Network dashboard of March 2026, building its publication (selector, merge, noise)",
       "network_publish", publish_queries)}
{line("Network dashboard of March 2026, API (the stored publication)", "network_api",
       network_queries)}
{line("  same figures, one hand-written SQL over the raw bookings", "network_sql", 1)}

**Ratios at p50 (API / SQL over the raw data): manager {manager_ratio:.3f}, network
{network_ratio:.3f} (building the publication, once per month: {publish_ratio:.3f})** — below 1
means the dashboard (HTTP routing, permissions, validation,
rollup queries, Python, JSON) answers faster than the single best-effort SQL statement that
computes the same figures from the bookings, because it reads pre-aggregated rows whose count
does not grow with the bookings.

Before timing, the answers were compared: booked and open minutes per day and kind and the
weekday x hour heatmap (manager); open and booked minutes and distinct members per department,
setting and carrier kind, and the commute kilometres (network, the exact figures before the
publication's noise; groups merged into « autres » are left out of the comparison).

The baselines are in `tests/bench/bench_dashboards.py` (`MANAGER_SQL`, `NETWORK_SQL`): opening
windows turned into UTC instants with `AT TIME ZONE` (closures and exceptional hours included),
booked minutes and counts with `FILTER`, the heatmap by joining each booking with the 24 local
hours, members present with `DISTINCT ON (member, date)`, commute distances with the spherical
law of cosines.
""", encoding="utf-8")


if __name__ == "__main__":
    main()
