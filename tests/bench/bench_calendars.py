"""Benchmark: calendar feeds — rendering, and the 304 path (not a test; run as a script).

    [REDIS_URL=…] python tests/bench/bench_calendars.py [--sqlite] [--iterations 40] [--keep]

Creates a scratch database — PostgreSQL by default (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/ostal_bench_calendars), or with --sqlite a SQLite file in a
temporary folder — migrates it, generates with bulk_create a member with 200 bookings across
25 places and one place with 5,000 bookings (60 resources, 500 members), then measures, in the
same run and interleaved:

1. rendering the same FeedEvents with Ostal's writer (escaping, folding, TZID + VTIMEZONE,
   DST-ambiguity checks) vs a plain string-join renderer (no escaping, no folding, UTC), and
   vs icalendar objects (Event per booking, add_missing_timezones, to_ical) for reference —
   target: Ostal / join >= 0.5x (throughput ratio: join time / Ostal time);
2. the same from the database: `feed_render` (3 queries, build, render) vs the feed's rows
   query + the plain join;
3. through Django's test client (whole middleware stack): the 304 path (`If-None-Match` with
   the current ETag: two rate counters and one read of the cached validator with its
   generations — no query) vs a bare JSON view (Django JsonResponse) and a bare DRF APIView,
   routed the same way, and vs a bare view behind the same rate limiter (the same two
   counters and the same validator keys read in the same round trip, then a 304) — target:
   304 / bare view behind the limiter >= 0.8x, reported vs bare JSON; the 304 when the
   validator is gone
   (the database probe, as after a change), and the full 200 answer, for scale.

Medians of the timed calls, after warm-up. Results are printed and written to
docs/benchmarks/calendars.md (calendars-sqlite.md with --sqlite, calendars-redis.md with
REDIS_URL set: the cache as in production), with the command that produced them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO / "backend"), str(REPO)]

PARSER = argparse.ArgumentParser(description=__doc__.split("\n")[0])
PARSER.add_argument("--sqlite", action="store_true", help="a scratch SQLite file instead of "
                                                          "PostgreSQL")
PARSER.add_argument("--iterations", type=int, default=40)
PARSER.add_argument("--keep", action="store_true", help="keep the database afterwards")
PARSER.add_argument("--smoke", action="store_true", help="a few calls, no report (CI)")
ARGS = PARSER.parse_args()
if ARGS.smoke:
    ARGS.iterations = 3

BENCH_URL = os.environ.get("BENCH_DATABASE_URL",
                           "postgres://postgres@127.0.0.1:5432/ostal_bench_calendars")
if ARGS.smoke:
    BENCH_URL = urlparse(BENCH_URL)._replace(
        path=f"{urlparse(BENCH_URL).path}_smoke_{os.getpid()}").geturl()
if ARGS.sqlite:
    os.environ.pop("DATABASE_URL", None)
    os.environ["OSTAL_VAR_DIR"] = tempfile.mkdtemp(prefix="ostal-bench-calendars-")
else:
    os.environ["DATABASE_URL"] = BENCH_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "0")  # production-like: no query logging
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("SITE_URL", "https://ostal.example.org")
# The limiter runs on every request but never trips during the timed loops.
os.environ["CALENDAR_FEED_RATE_PER_TOKEN"] = "1000000000"
os.environ["CALENDAR_FEED_RATE_PER_IP"] = "1000000000"
# One process here: its memory cache is shared by every writer, as Redis is in production.
os.environ.setdefault("CALENDAR_FEED_VALIDATORS", "1")

SEED = 20261025
REDIS = bool(os.environ.get("REDIS_URL"))  # the cache as in production (else: memory)
REPORT = REPO / "docs" / "benchmarks" / (
    "calendars-sqlite.md" if ARGS.sqlite else "calendars-redis.md" if REDIS else "calendars.md")
COMMAND = (("REDIS_URL=redis://… " if REDIS else "") + "python tests/bench/bench_calendars.py"
           + (" --sqlite" if ARGS.sqlite else ""))

urlpatterns: list[Any] = []  # this module is the URLconf of the run (filled after setup)


def say(text: str) -> None:
    print(text, flush=True)  # noqa: T201 - a script's output


# --- database ---------------------------------------------------------------------------------


def recreate_database() -> None:
    if ARGS.sqlite:
        return
    import psycopg

    url = urlparse(BENCH_URL)
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.path.lstrip("/")}"')
        conn.execute(f'CREATE DATABASE "{url.path.lstrip("/")}"')


def drop_database() -> None:
    from django.db import connections

    connections.close_all()
    if ARGS.sqlite:
        return
    import psycopg

    url = urlparse(BENCH_URL)
    with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.path.lstrip("/")}"')


def generate(now: dt.datetime) -> dict[str, Any]:
    """The member (200 bookings over 25 places) and the big place (5,000 bookings)."""
    from zoneinfo import ZoneInfo

    from ostal.accounts.models import User
    from ostal.bookings.models import Booking
    from ostal.calendars.models import CalendarFeed
    from ostal.calendars.services import calendar_feed_create
    from ostal.spaces.models import Commune, Operator, Resource, Space

    rng = random.Random(SEED)
    paris = ZoneInfo("Europe/Paris")
    communes = list(Commune.objects.filter(department_code__in=["48", "12", "34", "31"])
                    .order_by("insee_code")[:30])
    operator = Operator.objects.create(name="Coopérative du banc", legal_form="cooperative",
                                       carrier_kind="private")
    spaces = Space.objects.bulk_create(
        Space(operator=operator, name=f"Tiers-lieu, n° {n}; {c.name}", slug=f"bench-{n}",
              kind="coworking", setting="rural", commune=c, department_code=c.department_code,
              address=f"{n}, place de l'Église", postal_code="48000", latitude=c.latitude,
              longitude=c.longitude)
        for n, c in enumerate(communes[:25]))
    big = spaces[0]
    resources = Resource.objects.bulk_create(
        Resource(space=space, kind="desk", name=f"Poste {n}")
        for space in spaces for n in range(60 if space is big else 3))
    big_resources = [r for r in resources if r.space_id == big.pk]
    first_names = ["Ada", "Louise", "Jean", "Marie", "Paul", "Inès", "Hugo", "Léa", "Noé", "Zoé"]
    members = User.objects.bulk_create(
        User(email=f"m{n}@bench.example.org", first_name=rng.choice(first_names),
             last_name=f"Nom{n}", password="!")
        for n in range(500))
    member = members[0]
    start_day = (now - dt.timedelta(days=20)).astimezone(paris).date()

    def span(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        return (dt.datetime.combine(day, dt.time(9), tzinfo=paris).astimezone(dt.UTC),
                dt.datetime.combine(day, dt.time(18), tzinfo=paris).astimezone(dt.UTC))

    def booking(resource: Resource, who: User, day: dt.date) -> Booking:
        start, end = span(day)
        status = "cancelled" if rng.random() < 0.1 else "confirmed"
        return Booking(reference=uuid.uuid4(), space_id=resource.space_id, resource=resource,
                       resource_kind="desk", member=who, status=status, start=start, end=end,
                       local_date=day, part="day", sequence=rng.randint(0, 3))

    rows = []
    small = [r for r in resources if r.space_id != big.pk]
    for n in range(200):  # the member: one booking a day, around the network
        rows.append(booking(small[n % len(small)], member, start_day + dt.timedelta(days=n)))
    for n in range(5000):  # the big place: 60 desks x ~84 days
        day = start_day + dt.timedelta(days=n // len(big_resources))
        rows.append(booking(big_resources[n % len(big_resources)], rng.choice(members[1:]),
                            day))
    Booking.objects.bulk_create(rows, batch_size=1000)
    manager = User.objects.create(email="manager@bench.example.org", first_name="Cy")
    operator.managers.add(manager)
    member_feed = calendar_feed_create(owner=member, kind=CalendarFeed.Kind.MEMBER)
    place_feed = calendar_feed_create(owner=manager, kind=CalendarFeed.Kind.SPACE, space=big)
    return {"member": member_feed, "place": place_feed, "bookings": len(rows),
            "places": len(spaces), "resources": len(resources), "members": len(members)}


# --- renderers compared -----------------------------------------------------------------------


def join_renderer(events: list[Any]) -> bytes:
    """The floor: the same fields, joined, with no escaping, folding or time zones."""
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    for e in events:
        out += ["BEGIN:VEVENT", "UID:" + e.uid,
                "DTSTAMP:" + e.stamp.strftime("%Y%m%dT%H%M%SZ"),
                "DTSTART:" + e.start.strftime("%Y%m%dT%H%M%SZ"),
                "DTEND:" + e.end.strftime("%Y%m%dT%H%M%SZ"),
                "SEQUENCE:" + str(e.sequence), "STATUS:" + e.status, "SUMMARY:" + e.summary,
                "LOCATION:" + e.location, "DESCRIPTION:" + e.description, "URL:" + e.url,
                "END:VEVENT"]
    out.append("END:VCALENDAR")
    return "\r\n".join(out).encode()


def icalendar_renderer(events: list[Any]) -> bytes:
    """For reference: one icalendar component per event (what CONVENTIONS §2.7 suggested)."""
    from zoneinfo import ZoneInfo

    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//bench//EN")
    calendar.add("version", "2.0")
    for e in events:
        tz = ZoneInfo(e.tzid)
        event = icalendar.Event()
        event.add("uid", e.uid)
        event.add("dtstamp", e.stamp)
        event.add("dtstart", e.start.astimezone(tz))
        event.add("dtend", e.end.astimezone(tz))
        event.add("sequence", e.sequence)
        event.add("status", e.status)
        event.add("summary", e.summary)
        event.add("location", e.location)
        event.add("description", e.description)
        event.add("url", e.url)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def rows_join_renderer(feed: Any, now: dt.datetime) -> bytes:
    """The floor from the database: the feed's rows query, then a plain join."""
    from ostal.calendars import selectors

    rows = selectors.feed_booking_rows(feed, now=now)
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    for r in rows:
        out += ["BEGIN:VEVENT", f"UID:booking-{r['reference']}@ostal.example.org",
                "DTSTAMP:" + r["updated_at"].strftime("%Y%m%dT%H%M%SZ"),
                "DTSTART:" + r["start"].strftime("%Y%m%dT%H%M%SZ"),
                "DTEND:" + r["end"].strftime("%Y%m%dT%H%M%SZ"),
                f"SEQUENCE:{r['sequence']}", f"STATUS:{r['status']}",
                f"SUMMARY:{r['resource_kind']} {r['resource__name']}",
                f"DESCRIPTION:{r['reference']}", "END:VEVENT"]
    out.append("END:VCALENDAR")
    return "\r\n".join(out).encode()


# --- timing -------------------------------------------------------------------------------------


def interleaved(functions: dict[str, Callable[[], Any]], iterations: int) -> dict[str, float]:
    """Median milliseconds of each function, called in turn (so drift hits all alike)."""
    for function in functions.values():  # warm-up
        for _ in range(3):
            function()
    samples: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(iterations):
        for name, function in functions.items():
            started = time.perf_counter()
            function()
            samples[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    recreate_database()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.http import HttpRequest, HttpResponse, JsonResponse
    from django.test import Client
    from django.urls import clear_url_caches, path
    from django.utils import timezone
    from rest_framework.permissions import AllowAny
    from rest_framework.request import Request
    from rest_framework.response import Response
    from rest_framework.views import APIView

    import config.urls
    from ostal.calendars import feedcache, feeds, selectors
    from ostal.calendars.views import _limited

    def bare_limited(request: HttpRequest) -> HttpResponse:
        """The same limiter as the feed (address + token counters, the validator keys read
        in the same round trip), then a bare 304."""
        token_hash = selectors.hash_token("bench-bare-limited-token-xxxxxxxx")
        refused, _ = _limited(request, f"t:{token_hash[:16]}",
                              feedcache.validator_keys(token_hash))
        if refused:
            return refused
        response = HttpResponse(status=304)
        response["ETag"] = '"bare"'
        response["Cache-Control"] = "private, no-cache"
        return response

    def bare_json(request: HttpRequest) -> JsonResponse:
        return JsonResponse({"ok": True})

    class BareApi(APIView):
        permission_classes = (AllowAny,)
        authentication_classes = ()

        def get(self, request: Request) -> Response:
            return Response({"ok": True})

    urlpatterns[:] = [path("bench/bare.json", bare_json), path("bench/bare-api/",
                                                               BareApi.as_view()),
                      path("bench/bare-limited.ics", bare_limited),
                      *config.urls.urlpatterns]
    settings.ROOT_URLCONF = __name__
    clear_url_caches()

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    now = timezone.now()
    data = generate(now)
    say(f"data generated in {time.perf_counter() - started:.1f} s")
    client = Client()
    results: dict[str, dict[str, Any]] = {}
    for label, issued in (("member", data["member"]), ("place", data["place"])):
        feed = selectors.feed_get(issued.feed.pk)
        rows = selectors.feed_booking_rows(feed, now=now)
        events = feeds.booking_events(rows, for_manager=label == "place")
        size = len(feeds.render_calendar(name="x", events=events))
        iterations = ARGS.iterations if label == "member" else max(10, ARGS.iterations // 3)
        render = interleaved({
            "ostal": lambda events=events: feeds.render_calendar(name="x", events=events),
            "join": lambda events=events: join_renderer(events),
            # icalendar objects take seconds on the big feed: left out of smoke runs
            "icalendar": (lambda: None) if ARGS.smoke else (
                lambda events=events: icalendar_renderer(events)),
        }, iterations)
        from_db = interleaved({
            "ostal": lambda feed=feed: feeds.feed_render(feed, now=now),
            "join": lambda feed=feed: rows_join_renderer(feed, now),
        }, iterations)
        url = f"/ical/{issued.token}.ics"
        full = client.get(url)
        assert full.status_code == 200, full.status_code
        etag = full["ETag"]
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
        executed: list[str] = []

        def count(execute: Any, sql: str, params: Any, many: bool, context: Any,
                  executed: list[str] = executed) -> Any:
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(url, HTTP_IF_NONE_MATCH=etag)
        token_hash = selectors.hash_token(issued.token)

        def probed(url: str = url, etag: str = etag, token_hash: str = token_hash) -> Any:
            feedcache.forget(token_hash)  # as after a change: the database answers
            return client.get(url, HTTP_IF_NONE_MATCH=etag)

        http = interleaved({
            "304": lambda url=url, etag=etag: client.get(url, HTTP_IF_NONE_MATCH=etag),
            "304_probe": probed,
            "bare_json": lambda: client.get("/bench/bare.json"),
            "bare_limited": lambda: client.get("/bench/bare-limited.ics",
                                               HTTP_IF_NONE_MATCH='"bare"'),
            "bare_api": lambda: client.get("/bench/bare-api/"),
            "200": lambda url=url: client.get(url),
        }, ARGS.iterations * 3)
        results[label] = {"events": len(events), "bytes": size, "render": render,
                          "from_db": from_db, "http": http,
                          "queries_304": len(executed)}
        say(f"{label}: {len(events)} events, {size:,} bytes; render {render}; "
            f"from db {from_db}; http {http}; 304 queries {len(executed)}")
    gc.collect()
    if ARGS.smoke:
        say("(smoke run: no report written)")
    else:
        write_report(data, results)
    if not ARGS.keep or ARGS.smoke:
        drop_database()


def write_report(data: dict[str, Any], results: dict[str, dict[str, Any]]) -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        version = connection.cursor().connection.info.server_version
        engine = f"PostgreSQL {version // 10000}.{version % 100}"
    else:
        engine = f"SQLite {connection.Database.sqlite_version}"
    from django.conf import settings

    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[1]

    def ratio(a: float, b: float) -> str:
        return f"{a / b:.2f}x"

    lines = []
    verdicts = []
    for label, r in results.items():
        render, from_db, http = r["render"], r["from_db"], r["http"]
        render_ratio = render["join"] / render["ostal"]
        http_ratio = http["bare_json"] / http["304"]
        limited_ratio = http["bare_limited"] / http["304"]
        verdicts.append((label, render_ratio, http_ratio, limited_ratio))
        lines.append(
            f"| {label} feed, {r['events']:,} events ({r['bytes'] / 1024:,.0f} KiB) "
            f"| {render['ostal']:.2f} ms | {render['join']:.2f} ms "
            f"| **{ratio(render['join'], render['ostal'])}** | {render['icalendar']:.2f} ms "
            f"({ratio(render['join'], render['icalendar'])}) "
            f"| {from_db['ostal']:.2f} ms | {from_db['join']:.2f} ms "
            f"| {ratio(from_db['join'], from_db['ostal'])} |")
    http_lines = []
    for label, r in results.items():
        http = r["http"]
        http_lines.append(
            f"| {label} feed | {http['304']:.3f} ms ({r['queries_304']} queries) "
            f"| {http['bare_limited']:.3f} ms "
            f"| **{ratio(http['bare_limited'], http['304'])}** "
            f"| {http['bare_json']:.3f} ms | {ratio(http['bare_json'], http['304'])} "
            f"| {http['bare_api']:.3f} ms | {ratio(http['bare_api'], http['304'])} "
            f"| {http['304_probe']:.3f} ms ({ratio(http['bare_json'], http['304_probe'])}) "
            f"| {http['200']:.2f} ms |")
    summary = "\n".join(
        f"- {label} feed: render {render_ratio:.2f}x "
        f"({'meets' if render_ratio >= 0.5 else 'MISSES'} the 0.5x target); 304 path "
        f"{limited_ratio:.2f}x of a bare view behind the same rate limiter "
        f"({'meets' if limited_ratio >= 0.8 else 'MISSES'} the 0.8x target), "
        f"{http_ratio:.2f}x of a bare JSON view."
        for label, render_ratio, http_ratio, limited_ratio in verdicts)
    say(summary)
    sqlite_note = (" — and on SQLite, where CONN_MAX_AGE is 0, opening the database file "
                   "again for each request" if connection.vendor == "sqlite" else "")
    REPORT.write_text(f"""# Benchmark: calendar feeds

Generated by `{COMMAND}` on {dt.date.today():%Y-%m-%d}
({engine}, cache {cache}, Python {platform.python_version()}, {os.cpu_count()} CPU,
{platform.machine()}). Not a timed test: rerun it after touching `ostal.calendars.feeds`,
`ics` or `views`. `--sqlite` runs it on a scratch SQLite file instead of PostgreSQL.

## Data (fresh database, bulk_create, seed {SEED})

{data['places']} places, {data['resources']} resources, {data['members']} members,
{data['bookings']:,} bookings (10 % cancelled, kept in feeds with STATUS:CANCELLED): a member
with 200 bookings, one a day across 24 places, from 20 days ago; one place with 5,000
bookings (60 desks x ~84 days). Place names and addresses carry commas and semicolons (escaped).

## Rendering (median of the timed calls, interleaved)

"Ostal" = `feeds.render_calendar` (escaping, folding at 75 octets, TZID local times,
VTIMEZONE, DST-ambiguity check, memoised repeated lines). "Join" = a plain string join of the
same events' fields (no escaping, no folding, UTC times, no VTIMEZONE): the floor. Ratios are
throughput ratios, join time / Ostal time (1.00x = as fast as the join; target >= 0.5x).
"From the database" adds the queries: `feeds.feed_render` (bookings, places, stops: 3 queries)
vs the feed's rows query + a plain join. icalendar objects (one `Event` per booking,
`add_missing_timezones()`, `to_ical()`) are shown for reference: that is why
`ostal.calendars.ics` exists (docs/adr/0006-calendars.md).

| feed | Ostal | join | **Ostal vs join** | icalendar objects | DB+Ostal | DB+join | ratio |
|---|---:|---:|---:|---:|---:|---:|---:|
{chr(10).join(lines)}

## The 304 path (Django test client, whole middleware stack)

`GET /ical/<token>.ics` with `If-None-Match: <current ETag>`: two rate counters (cache) and
one cache read of the token's validator and the generations it depends on
(`ostal.calendars.feedcache`) — no query, no rendering, no write. "304 via the database" is
the same request once the validator is gone (as after any change to the feed, its bookings or
its owner's access): one SQL statement (`selectors.feed_probe`: the feed by token hash, not
revoked, owner active, still a manager of the place, and the version aggregate of the feed's
bookings) and the cached ETag; the validator is stored again.
Compared with a bare Django `JsonResponse({{"ok": true}})` view and a bare DRF `APIView`
(no authentication) behind the same middleware; ratio = bare time / 304 time (target >= 0.8x
against a bare view behind the same rate limiter: the same two counters and the same
validator keys read in one round trip, then a 304). The full 200 answer (rendering
included) is shown for scale.

| feed | 304 | bare behind the limiter | **304 vs limiter** | bare JSON view | 304 vs bare JSON \
| bare DRF view | 304 vs DRF | 304 via the database | 200 (render) |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
{chr(10).join(http_lines)}

## Verdict

{summary}

Reading the numbers: a bare view touches neither the database nor the cache. The 304 path
counts two rate counters and reads the validator with its generations — five cache calls
with the memory cache, one pipelined round trip with Redis — and builds a response with two
headers; nothing else. The database probe — one statement, whose round trip (and
for the 5,000-event place the scan of its bookings) costs more than the whole bare
request{sqlite_note} — runs only when a write changed what the feed depends on, or when its
validator expired (docs/adr/0006-calendars.md). On a machine shared with other work the
timings move from run to run; the ratios, measured interleaved, move less. Rendering is the
expensive answer, and the one the ETag saves.
""")
    say(f"written {REPORT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
