"""Benchmark: network-wide availability search for one day (not a test; run as a script).

    python tests/bench/bench_availability.py [--rounds 30] [--smoke] [--keep]

Creates a fresh PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/ostal_bench), migrates it, generates a network of 120
places, ~1,500 resources and 50,000 bookings over 90 days with bulk_create, then measures:

- the API: GET /api/v1/availability/?date=...&kind=desk through Django's test client
  (routing, validation, 3 queries, Python computation, DRF rendering, JSON);
- the baseline: the same answer (free desks per place for the day, morning and afternoon) from
  one hand-written SQL query;

in interleaved blocks (tests/bench/harness.py), after gc.freeze() as in production; the
headline is p95, the percentile of the target (within 1.5x of the SQL);
- the API's query count, network-wide and for a 30 km radius (it must not depend on the number
  of places).

Both answers are compared place by place before timing. Results are printed and written to
docs/benchmarks/availability.md. The database is dropped at the end unless --keep.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(Path(__file__).resolve().parent)]

import harness  # noqa: E402

PLACES = 120
TARGET_BOOKINGS = 50_000
FIRST_DAY = dt.date(2026, 3, 2)  # a Monday; 90 days, across the spring DST change
DAYS = 90
SEARCH_DAY = dt.date(2026, 4, 15)  # a Wednesday in the middle
SEED = 20260415
REPORT = REPO / "docs" / "benchmarks" / "availability.md"

BASELINE_SQL = """
WITH d AS (SELECT %(day)s::date AS day),
places AS (
    SELECT s.id, s.timezone, s.kind, COALESCE(p.sale_unit, 'half_day') AS sale_unit
    FROM spaces_space s
    LEFT JOIN bookings_bookingpolicy p ON p.space_id = s.id AND p.resource_kind = 'desk'
    WHERE s.is_published
      AND EXISTS (SELECT 1 FROM spaces_resource r
                  WHERE r.space_id = s.id AND r.kind = 'desk' AND r.is_active)
),
hours AS (  -- first opening → last closing of the local day; closed: no row
    SELECT pl.id AS space_id, pl.timezone, pl.sale_unit,
           CASE WHEN pl.kind = 'itinerant' THEN st.opens ELSE COALESCE(so.opens, oh.opens) END
               AS opens,
           CASE WHEN pl.kind = 'itinerant' THEN st.closes ELSE COALESCE(so.closes, oh.closes) END
               AS closes
    FROM places pl CROSS JOIN d
    LEFT JOIN spaces_itinerarystop st ON st.space_id = pl.id AND st.date = d.day
    LEFT JOIN LATERAL (SELECT min(x.opens) AS opens, max(x.closes) AS closes
                       FROM spaces_specialopening x
                       WHERE x.space_id = pl.id AND x.date = d.day) so ON TRUE
    LEFT JOIN LATERAL (SELECT min(w.opens) AS opens, max(w.closes) AS closes
                       FROM spaces_openinghours w
                       WHERE w.space_id = pl.id
                         AND w.weekday = extract(isodow FROM d.day)::int - 1) oh ON TRUE
    WHERE NOT EXISTS (SELECT 1 FROM spaces_closure c
                      WHERE c.space_id = pl.id AND d.day BETWEEN c.start_date AND c.end_date)
),
spans AS (  -- the day and its half-days, local wall clock → UTC instants
    SELECT h.space_id, k.part,
           (d.day + k.lo) AT TIME ZONE h.timezone AS lo,
           (d.day + k.hi) AT TIME ZONE h.timezone AS hi
    FROM hours h CROSS JOIN d
    CROSS JOIN LATERAL (VALUES ('day', h.opens, h.closes),
                               ('morning', h.opens, LEAST(h.closes, time '13:00')),
                               ('afternoon', GREATEST(h.opens, time '13:00'), h.closes))
        AS k(part, lo, hi)
    WHERE h.opens IS NOT NULL AND k.lo < k.hi AND (h.sale_unit <> 'day' OR k.part = 'day')
)
SELECT sp.space_id, sp.part,
       count(*) FILTER (
           WHERE NOT EXISTS (SELECT 1 FROM bookings_booking b  -- a booking lasts < 1 day:
                             WHERE b.resource_id = r.id          -- bound the index range
                               AND b.start > sp.lo - interval '1 day' AND b.start < sp.hi
                               AND b."end" > sp.lo
                               AND b.status IN ('held', 'confirmed', 'checked_in'))
             AND NOT EXISTS (SELECT 1 FROM bookings_resourceblock k
                             WHERE k.resource_id = r.id AND k.start < sp.hi AND k."end" > sp.lo)
       ) AS free
FROM spans sp
JOIN spaces_resource r ON r.space_id = sp.space_id AND r.kind = 'desk' AND r.is_active
GROUP BY sp.space_id, sp.part
ORDER BY sp.space_id, sp.part
"""


# --- data -------------------------------------------------------------------------------------


def generate() -> dict[str, int]:
    """120 places, ~1,500 resources, 50,000 bookings over 90 days, all with bulk_create."""
    from zoneinfo import ZoneInfo

    from django.db import connection

    from ostal.accounts.models import User
    from ostal.bookings.models import Booking, BookingPolicy, ResourceBlock
    from ostal.spaces.models import (
        Closure,
        Commune,
        ItineraryStop,
        OpeningHours,
        Operator,
        Resource,
        Space,
        SpecialOpening,
    )

    rng = random.Random(SEED)
    paris = ZoneInfo("Europe/Paris")
    communes = list(Commune.objects.filter(population__gte=1500).order_by("insee_code"))
    operators = Operator.objects.bulk_create(
        Operator(name=f"Structure {n}", legal_form="association", carrier_kind="private")
        for n in range(60))
    spaces = []
    for n in range(PLACES):
        place = rng.choice(communes)
        spaces.append(Space(
            operator=operators[n % len(operators)], name=f"Tiers-lieu {n:03d}",
            slug=f"tiers-lieu-{n:03d}", kind="itinerant" if n % 30 == 29 else "coworking",
            setting="rural", commune=place, department_code=place.department_code,
            latitude=place.latitude, longitude=place.longitude))
    spaces = Space.objects.bulk_create(spaces)
    days = [FIRST_DAY + dt.timedelta(days=n) for n in range(DAYS)]

    hours, stops, specials, closures, policies = [], [], [], [], []
    hours_of: dict[int, dict[int, tuple[dt.time, dt.time]]] = {}
    for space in spaces:
        if space.kind == "itinerant":
            for day in days:
                if day.weekday() < 5:
                    place = rng.choice(communes)
                    stops.append(ItineraryStop(space=space, date=day, commune=place,
                                               opens=dt.time(9), closes=dt.time(17),
                                               latitude=place.latitude,
                                               longitude=place.longitude))
            continue
        opens = rng.choice([dt.time(8), dt.time(8, 30), dt.time(9)])
        closes = rng.choice([dt.time(18), dt.time(19), dt.time(17, 30)])
        weekly = dict.fromkeys(range(5), (opens, closes))
        if rng.random() < 0.3:
            weekly[5] = (dt.time(9), dt.time(13))
        hours_of[space.pk] = weekly
        hours += [OpeningHours(space=space, weekday=wd, opens=o, closes=c)
                  for wd, (o, c) in weekly.items()]
        if rng.random() < 0.15:
            start = rng.choice(days)
            closures.append(Closure(space=space, start_date=start,
                                    end_date=start + dt.timedelta(days=rng.randint(0, 6))))
        if rng.random() < 0.1:
            specials.append(SpecialOpening(space=space, date=rng.choice(days),
                                           opens=dt.time(10), closes=dt.time(16)))
        if rng.random() < 0.1:
            policies.append(BookingPolicy(space=space, resource_kind="desk", sale_unit="day"))
    OpeningHours.objects.bulk_create(hours)
    ItineraryStop.objects.bulk_create(stops)
    Closure.objects.bulk_create(closures)
    SpecialOpening.objects.bulk_create(specials)
    BookingPolicy.objects.bulk_create(policies)

    resources = []
    for space in spaces:
        for n in range(rng.randint(8, 14) if space.kind != "itinerant" else 4):
            resources.append(Resource(space=space, kind="desk", name=f"Poste {n + 1}"))
        for n in range(rng.randint(1, 2) if space.kind != "itinerant" else 0):
            resources.append(Resource(space=space, kind="meeting_room", name=f"Salle {n + 1}",
                                      capacity=rng.choice([6, 8, 12])))
        if rng.random() < 0.4:
            resources.append(Resource(space=space, kind="phone_booth", name="Cabine"))
    resources = Resource.objects.bulk_create(resources)
    members = User.objects.bulk_create(
        User(email=f"membre{n}@example.org", password="!") for n in range(3000))

    def window(space: Space, day: dt.date) -> tuple[dt.time, dt.time] | None:
        if space.kind == "itinerant":
            return (dt.time(9), dt.time(17)) if day.weekday() < 5 else None
        return hours_of[space.pk].get(day.weekday())

    def utc(day: dt.date, at: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, at, tzinfo=paris).astimezone(dt.UTC)

    candidates: list[Booking] = []
    space_of = {s.pk: s for s in spaces}
    for resource in resources:
        space = space_of[resource.space_id]
        for day in days:
            hours_today = window(space, day)
            if hours_today is None:
                continue
            opens, closes = hours_today
            slots: list[tuple[dt.time, dt.time, str]] = []
            if resource.kind == "desk":
                roll = rng.random()
                if roll < 0.40:
                    slots = [(opens, closes, "day")]
                elif roll < 0.55:
                    slots = [(opens, min(closes, dt.time(13)), "morning")]
                elif roll < 0.68:
                    slots = [(max(opens, dt.time(13)), closes, "afternoon")]
            else:
                hour = 9
                while hour < 17:
                    if rng.random() < 0.35:
                        length = rng.choice([1, 2])
                        slots.append((dt.time(hour), dt.time(min(hour + length, 17)), "custom"))
                        hour += length
                    hour += 1
            for start, end, part in slots:
                if start >= end:
                    continue
                roll = rng.random()
                status = ("cancelled" if roll < 0.08 else "no_show" if roll < 0.12
                          else "checked_in" if roll < 0.5 else "confirmed")
                candidates.append(Booking(
                    space_id=space.pk, resource=resource, resource_kind=resource.kind,
                    member=rng.choice(members), status=status, source="member",
                    start=utc(day, start), end=utc(day, end), local_date=day, part=part))
    rng.shuffle(candidates)
    bookings = candidates[:TARGET_BOOKINGS]
    Booking.objects.bulk_create(bookings, batch_size=5000)
    blocks = []
    desks = [r for r in resources if r.kind == "desk"]
    for resource in rng.sample(desks, 60):
        day = rng.choice(days)
        blocks.append(ResourceBlock(space_id=resource.space_id, resource=resource,
                                    start=utc(day, dt.time(0)),
                                    end=utc(day + dt.timedelta(days=rng.randint(1, 5)),
                                            dt.time(0)), reason="Maintenance"))
    ResourceBlock.objects.bulk_create(blocks)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"places": len(spaces), "itinerant places": sum(s.kind == "itinerant" for s in spaces),
            "resources": len(resources), "desks": len(desks), "bookings": len(bookings),
            "bookings on the searched day": sum(b.local_date == SEARCH_DAY for b in bookings),
            "blocks": len(blocks), "members": len(members)}


# --- measurement ------------------------------------------------------------------------------


def api_answer(body: dict[str, Any]) -> dict[tuple[int, str], int]:
    return {(r["space"]["id"], slot["key"]): slot["free"]
            for r in body["results"] for slot in r["days"][0]["slots"]}


def sql_answer(rows: list[tuple[int, str, int]]) -> dict[tuple[int, str], int]:
    return {(space_id, part): free for space_id, part, free in rows}


def main() -> None:
    global PLACES, TARGET_BOOKINGS
    args = harness.prepare("ostal_bench", __doc__)
    if args.smoke:
        PLACES, TARGET_BOOKINGS = 30, 3000
    with harness.bench_database(args):
        run(args)


def run(args: Any) -> None:
    from django.db import connection
    from django.test import Client

    started = time.perf_counter()
    sizes = generate()
    setup_seconds = time.perf_counter() - started
    harness.say(f"data generated in {setup_seconds:.1f} s: {sizes}")

    client = Client()
    url = f"/api/v1/availability/?date={SEARCH_DAY.isoformat()}&kind=desk"
    radius_url = url + "&near_commune=31555&radius_km=30"

    def call_api(target: str = url) -> dict[str, Any]:
        response = client.get(target)
        assert response.status_code == 200, response.content[:500]
        return response.json()  # type: ignore[no-any-return]

    def call_sql() -> list[tuple[int, str, int]]:
        with connection.cursor() as cursor:
            cursor.execute(BASELINE_SQL, {"day": SEARCH_DAY})
            return cursor.fetchall()

    body = call_api()
    api, sql = api_answer(body), sql_answer(call_sql())
    assert api == sql, f"answers differ on {len(set(api.items()) ^ set(sql.items()))} entries"
    network_queries = harness.statements(call_api)[0]
    radius_body: dict[str, Any] = {}

    def call_radius() -> None:
        radius_body.update(call_api(radius_url))

    radius_queries = harness.statements(call_radius)[0]
    rounds = 2 if args.smoke else args.rounds or 30
    block = 2 if args.smoke else 5
    harness.as_in_production()
    samples = harness.interleaved({"api": call_api, "sql": call_sql}, rounds=rounds, block=block,
                                  warmup=5)
    api_s, sql_s = samples["api"], samples["sql"]
    ratio95 = api_s.p95 / sql_s.p95
    lines = [
        f"places in the answer: {body['count']} (radius 30 km around Toulouse: "
        f"{radius_body['count']}); answers identical: {len(api)} (place, slot) counts",
        f"API  p50 {api_s.p50:7.2f} ms   p95 {api_s.p95:7.2f} ms   "
        f"({network_queries} statements network-wide, {radius_queries} with a radius)",
        f"SQL  p50 {sql_s.p50:7.2f} ms   p95 {sql_s.p95:7.2f} ms   (1 statement)",
        f"API / SQL at p95: {ratio95:.2f}x (target: within 1.5x) — "
        f"{'OK' if ratio95 <= 1.5 else 'OVER TARGET'}; at p50: {api_s.p50 / sql_s.p50:.2f}x",
    ]
    harness.say("\n".join(lines))
    write_report(args, sizes, setup_seconds, rounds, block, api_s, sql_s, network_queries,
                 radius_queries, body["count"], radius_body["count"], len(api))


def write_report(args: Any, sizes: dict[str, int], setup_seconds: float, rounds: int,
                 block: int, api_s: Any, sql_s: Any, network_queries: int,
                 radius_queries: int, places: int, radius_places: int, answers: int) -> None:
    api_label = "API (Django test client: routing, validation, ORM, Python, JSON)"
    sql_label = "Baseline: one hand-written SQL query (same answer, counts only)"
    size_rows = "\n".join(f"| {name} | {value:,} |" for name, value in sizes.items())
    ratio95, ratio50 = api_s.p95 / sql_s.p95, api_s.p50 / sql_s.p50
    body = f"""
## Question

"Which places of the network have free desks on {SEARCH_DAY.isoformat()}, for the day, the
morning and the afternoon?" — `GET /api/v1/availability/?date={SEARCH_DAY.isoformat()}&kind=desk`,
every published place with desks, with its free count per slot and the free desk ids.

## Data (fresh database, bulk_create, seed {SEED})

| what | count |
|---|---:|
{size_rows}

90 days from {FIRST_DAY.isoformat()} (across the DST change); desks booked by the day or
half-day, rooms by the hour; about 12 % of bookings cancelled or no-show (not active); blocks of
1-5 days; closures, exceptional hours and day-only desk policies on some places; itinerant
places with a stop every weekday. Data generated in {setup_seconds:.0f} s (migrations excluded).

## Results ({rounds} interleaved rounds of {block} calls each, after 5 warm-up calls)

Both run after `gc.freeze()` once the app is loaded, as production does
(deploy/gunicorn.conf.py `post_worker_init`).

{harness.TABLE_HEAD}
{harness.row(api_label, api_s, network_queries)}
{harness.row(sql_label, sql_s, 1, api_s, pct="p95")}

**API / SQL at p95 (the target's percentile): {ratio95:.2f}x** (target: within 1.5x, aim
1.3x); at p50: {ratio50:.2f}x.

- The two answers were compared before timing: identical for all {answers} (place, slot)
  counts over {places} places.
- Query count: {network_queries} statements network-wide ({places} places) and {radius_queries}
  with `near_commune=31555&radius_km=30` ({radius_places} places): it does not depend on the
  number of places (also guarded by `tests/backend/bookings/test_api_query_counts.py`).
- The API does more than the baseline: it also returns the free desk ids per slot, opening
  and closing instants, itinerary stops and place details, and renders JSON.

## How the API computes it

Three statements — the places (only the columns rendered); then, in one statement written once
from the models' metadata, their weekly hours, exceptional hours, closures, stops, desk policy
and desks (an `ARRAY` of JSON per place and table, over `unnest` of the place ids); then every
active booking of those places on that local date and every block overlapping it (one
`UNION ALL` query) — then the free counts per slot in Python
(`ostal.bookings.availability`), rendered with plain dicts (`ostal.bookings.api.render`, checked
against the documented serializers by `tests/backend/bookings/test_api_render.py`).

The baseline pushes the same logic (hours → UTC with `AT TIME ZONE`, overlap with `NOT EXISTS`
on the `(resource, start)` indexes) into one statement:

```sql
{BASELINE_SQL.strip()}
```
"""
    harness.write_report("availability.md", "Benchmark: network-wide availability search",
                         body, args)


if __name__ == "__main__":
    main()
