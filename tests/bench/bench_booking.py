"""Benchmark S1: booking create (not a test; run as a script, or `make bench`).

    python tests/bench/bench_booking.py [--rounds 20] [--smoke] [--keep]

A fresh PostgreSQL database (BENCH_DATABASE_URL, default .../ostal_bench_booking): one place
open Monday-Friday 09:00-18:00 with 30 desks, 120 members. Each call books a desk for a whole
weekday for a member who can take it (the same sequence of (member, date) for all booking
contenders, drawn in turn, so the table grows alike for both). Interleaved blocks of:

- ostal — `POST /api/v1/bookings/` through Django's test client (session auth, DRF, the
  booking service with every rule, the confirmation e-mail queued, the response);
- raw SQL — a Django view behind the same middleware doing the same insert in one
  transaction: member advisory lock, the place and its hours of that weekday, the member's
  overlap check, a free desk `FOR UPDATE SKIP LOCKED` with `NOT EXISTS` over bookings and
  blocks, `INSERT ... RETURNING`, a small JSON answer;
- bare JSON — a view that answers `{"ok": true}` to the same POST (the stack's floor).

Reported: p50 (the target's percentile) and p95, throughput relative to each baseline, and the
SQL statements of one call of each (transaction control included). Targets (issue 13):
>= 0.5x the raw-SQL view (aim 0.75x), >= 0.1x the bare JSON view, <= 10 statements.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path[:0] = [str(Path(__file__).resolve().parent)]

import harness  # noqa: E402

urlpatterns: list[Any] = []

DESKS = 30
GROUPS = 4  # a member books every GROUPS-th date: stays under the active-bookings limit
ACTIVE = "('held', 'confirmed', 'checked_in')"


def raw_sql_view() -> Any:
    from django.db import connection, transaction
    from django.http import HttpRequest, JsonResponse
    from django.views.decorators.csrf import csrf_exempt

    @csrf_exempt
    def raw_booking(request: HttpRequest) -> JsonResponse:
        if not request.user.is_authenticated:
            return JsonResponse({"detail": "login"}, status=403)
        body = json.loads(request.body)
        day = dt.date.fromisoformat(body["date"])
        member = request.user.pk
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [7001, member])
            cursor.execute(
                "SELECT s.id, s.timezone, min(h.opens), max(h.closes) FROM spaces_space s "
                "JOIN spaces_openinghours h ON h.space_id = s.id AND h.weekday = %s "
                "WHERE s.slug = %s AND s.is_published GROUP BY s.id",
                [day.weekday(), body["space"]])
            space_id, tz, opens, closes = cursor.fetchone()
            zone = ZoneInfo(tz)
            start = dt.datetime.combine(day, opens, tzinfo=zone)
            end = dt.datetime.combine(day, closes, tzinfo=zone)
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM bookings_booking WHERE member_id = %s "
                f"AND resource_kind = 'desk' AND status IN {ACTIVE} "
                'AND start < %s AND "end" > %s)', [member, end, start])
            if cursor.fetchone()[0]:
                return JsonResponse({"code": "member_already_booked"}, status=409)
            cursor.execute(
                "SELECT r.id FROM spaces_resource r WHERE r.space_id = %s AND r.kind = 'desk' "
                "AND r.is_active AND NOT EXISTS (SELECT 1 FROM bookings_booking b "
                f"WHERE b.resource_id = r.id AND b.status IN {ACTIVE} "
                'AND b.start < %s AND b."end" > %s) '
                "AND NOT EXISTS (SELECT 1 FROM bookings_resourceblock k "
                'WHERE k.resource_id = r.id AND k.start < %s AND k."end" > %s) '
                "ORDER BY r.capacity, r.name, r.id LIMIT 1 FOR UPDATE SKIP LOCKED",
                [space_id, end, start, end, start])
            found = cursor.fetchone()
            if found is None:
                return JsonResponse({"code": "slot_taken"}, status=409)
            cursor.execute(
                "INSERT INTO bookings_booking (created_at, updated_at, reference, space_id, "
                "resource_id, resource_kind, member_id, status, source, start, \"end\", "
                "local_date, part, attendees, confirmed_at, idempotency_key, "
                "request_fingerprint, sequence) VALUES (now(), now(), gen_random_uuid(), %s, "
                "%s, 'desk', %s, 'confirmed', 'member', %s, %s, %s, 'day', 1, now(), '', '', 0) "
                "RETURNING id, reference", [space_id, found[0], member, start, end, day])
            booking_id, reference = cursor.fetchone()
        return JsonResponse({"id": booking_id, "reference": str(reference),
                             "space": body["space"], "resource": found[0],
                             "start": start.isoformat(), "end": end.isoformat(),
                             "status": "confirmed"}, status=201)

    return raw_booking


def bare_view() -> Any:
    from django.http import HttpRequest, JsonResponse
    from django.views.decorators.csrf import csrf_exempt

    @csrf_exempt
    def bare(request: HttpRequest) -> JsonResponse:
        return JsonResponse({"ok": True})

    return bare


def generate(smoke: bool) -> tuple[Any, list[Any], list[dt.date]]:
    from ostal.accounts.models import User
    from ostal.spaces.models import Resource
    from tests.factories import OperatorFactory, SpaceFactory, commune

    place = commune("46102")
    space = SpaceFactory(operator=OperatorFactory(), name="Banc d'essai", slug="banc-essai",
                         commune=place, latitude=place.latitude, longitude=place.longitude)
    Resource.objects.bulk_create(Resource(space=space, kind="desk", name=f"D{n + 1:02d}")
                                 for n in range(DESKS))
    members = User.objects.bulk_create(User(email=f"membre{n}@example.org", password="!")
                                       for n in range(DESKS * GROUPS))
    today = dt.datetime.now(ZoneInfo(space.timezone)).date()
    dates = [d for d in (today + dt.timedelta(days=n) for n in range(2, 85)) if d.weekday() < 5]
    return space, members, dates


def slots(members: list[Any], dates: list[dt.date]) -> Iterator[tuple[Any, dt.date]]:
    for index, day in enumerate(dates):
        group = index % GROUPS
        for desk in range(DESKS):
            yield members[group * DESKS + desk], day


def main() -> None:
    args = harness.prepare("ostal_bench_booking", __doc__)
    with harness.bench_database(args):
        from django.conf import settings
        from django.test import Client
        from django.urls import path

        from ostal.bookings.models import Booking

        settings.ALLOWED_HOSTS = ["*"]
        harness.install_urls(__name__, [path("bench/raw-booking/", raw_sql_view()),
                                        path("bench/bare/", bare_view())])
        space, members, dates = generate(args.smoke)
        clients: dict[int, Client] = {}

        def client_for(member: Any) -> Client:
            if member.pk not in clients:
                clients[member.pk] = Client()
                clients[member.pk].force_login(member)
            return clients[member.pk]

        for member in members:  # sessions exist before timing
            client_for(member)
        queue = slots(members, dates)

        def post(url: str) -> Any:
            member, day = next(queue)
            response = client_for(member).post(  # the key the web app sends with every booking
                url, json.dumps({"space": space.slug, "kind": "desk", "date": day.isoformat(),
                                 "part": "day"}), content_type="application/json",
                HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
            assert response.status_code == 201, response.content[:300]
            return response

        contenders = {
            "ostal": lambda: post("/api/v1/bookings/"),
            "raw": lambda: post("/bench/raw-booking/"),
            "bare": lambda: client_for(members[0]).post("/bench/bare/", "{}",
                                                         content_type="application/json"),
        }
        counts = {name: harness.statements(fn) for name, fn in contenders.items()}
        for name, (count, sql) in counts.items():
            harness.say(f"{name}: {count} SQL statements per call")
            if name == "ostal":
                for line in sql:
                    harness.say(f"    {line[:150]}")
        rounds = 2 if args.smoke else args.rounds or 20
        block = 2 if args.smoke else 10
        capacity = len(dates) * DESKS - 2 * (3 + rounds * block) - 2
        assert capacity > 0, "not enough free slots for that many rounds"
        harness.as_in_production()
        samples = harness.interleaved(contenders, rounds=rounds, block=block)
        ours, raw, bare = samples["ostal"], samples["raw"], samples["bare"]
        made = Booking.objects.count()
        vs_raw, vs_bare = harness.ratio(ours.p50, raw.p50), harness.ratio(ours.p50, bare.p50)
        summary = (f"ostal p50 {ours.p50:.2f} ms (p95 {ours.p95:.2f}), raw SQL p50 "
                   f"{raw.p50:.2f} ms, bare JSON p50 {bare.p50:.2f} ms: {vs_raw:.2f}x raw "
                   f"(target >= 0.5x), {vs_bare:.3f}x bare (target >= 0.1x); statements "
                   f"{counts['ostal'][0]} vs {counts['raw'][0]} (target <= 10)")
        harness.say(summary)
        statements = "\n".join(f"    {line}" for line in counts["ostal"][1])
        body = f"""
## What is measured

`POST /api/v1/bookings/` (a desk for a whole weekday, the place assigns it, with the
`Idempotency-Key` header the web app sends) for members logged in with a session, against a
raw-SQL view doing the same insert behind the same middleware, and
a bare JSON view. {rounds} rounds of {block} calls each, {made:,} bookings made in all.

{harness.TABLE_HEAD}
{harness.row("ostal: POST /api/v1/bookings/", ours, counts["ostal"][0])}
{harness.row("raw SQL view (same rules' core: lock, overlap, SKIP LOCKED, INSERT RETURNING)",
             raw, counts["raw"][0], ours)}
{harness.row("bare JSON view", bare, counts["bare"][0], ours)}

**ostal runs at
{vs_raw:.2f}x the raw-SQL view** (target >= 0.5x, aim 0.75x) and **{vs_bare:.3f}x the bare
JSON view** (target >= 0.1x), at p50; **{counts["ostal"][0]} SQL statements** (target <= 10,
the session and user lookups and transaction control included; the raw view: {counts["raw"][0]}).

The statements of one booking, in order:

{statements}
"""
        harness.write_report("booking-create.md", "Benchmark S1: booking create", body, args)


if __name__ == "__main__":
    main()
