"""Benchmark S4: lists and the place page (not a test; run as a script, or `make bench`).

    python tests/bench/bench_lists.py [--rounds 20] [--smoke] [--keep]

A fresh PostgreSQL database (BENCH_DATABASE_URL, default .../ostal_bench_lists): 50 published
places with services, hours, prices, closures, desks and rooms; one member with 100 bookings
over them. Interleaved blocks, each endpoint against a `.values()` + `JsonResponse` view that
reads the same rows (same columns, same related rows, same number of result objects) behind the
same middleware:

- my bookings, `GET /api/v1/bookings/?when=all&page_size=10` and `...=100` (logged in);
- the directory, `GET /api/v1/directory/spaces/?page_size=50` (anonymous);
- the place page, `GET /api/v1/directory/spaces/<slug>/` (anonymous).

Reported: p50 (the targets' percentile), p95, throughput relative to the baseline, and the SQL
statements of one call. Targets (issue 13): my bookings >= 0.6x at 100 rows with the same query
count; directory >= 0.6x; place page <= 4 queries and >= 0.6x.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path[:0] = [str(Path(__file__).resolve().parent)]

import harness  # noqa: E402

urlpatterns: list[Any] = []

PLACES = 50
INSEE = ["46102", "12052", "46055", "31555", "12202", "34172", "48095", "81004", "65440",
         "11069"]


def generate(smoke: bool) -> dict[str, Any]:
    from ostal.accounts.models import User
    from ostal.bookings.models import Booking, BookingPolicy
    from ostal.spaces.models import Closure, Price, Resource, Service, Space, SpecialOpening
    from tests.factories import OperatorFactory, SpaceFactory, commune

    operators = [OperatorFactory() for _ in range(5)]
    services = list(Service.objects.order_by("code")[:8])
    spaces: list[Space] = []
    for n in range(PLACES):
        place = commune(INSEE[n % len(INSEE)])
        space = SpaceFactory(operator=operators[n % 5], name=f"Tiers-lieu {n:02d}",
                             slug=f"tiers-lieu-{n:02d}", commune=place,
                             latitude=place.latitude, longitude=place.longitude,
                             description_fr="Un lieu " * 40, description_en="A place " * 40,
                             address=f"{n} place de la Mairie", postal_code="46100")
        space.services.set(services[n % 3: n % 3 + 5])
        spaces.append(space)
    Resource.objects.bulk_create(
        [Resource(space=s, kind="desk", name=f"D{k + 1}") for s in spaces for k in range(8)]
        + [Resource(space=s, kind="meeting_room", name="Salle", capacity=8) for s in spaces])
    Price.objects.bulk_create(
        [Price(space=s, resource_kind="desk", unit="day", amount=15) for s in spaces]
        + [Price(space=s, resource_kind="meeting_room", unit="hour", amount=20) for s in spaces])
    today = dt.date.today()
    Closure.objects.bulk_create(Closure(space=s, start_date=today + dt.timedelta(days=20),
                                        end_date=today + dt.timedelta(days=22))
                                for s in spaces[::3])
    SpecialOpening.objects.bulk_create(
        SpecialOpening(space=s, date=today + dt.timedelta(days=9), opens=dt.time(10),
                       closes=dt.time(16)) for s in spaces[::4])
    BookingPolicy.objects.bulk_create(BookingPolicy(space=s, resource_kind="desk",
                                                    sale_unit="half_day")
                                      for s in spaces[::2])
    member = User.objects.create(email="membre@example.org", password="!")
    desks = {s.pk: Resource.objects.filter(space=s, kind="desk").first() for s in spaces}
    paris = ZoneInfo("Europe/Paris")
    bookings = []
    for n in range(100):
        space = spaces[n % PLACES]
        day = today + dt.timedelta(days=1 + n)
        start = dt.datetime.combine(day, dt.time(9), tzinfo=paris)
        bookings.append(Booking(space=space, resource=desks[space.pk], resource_kind="desk",
                                member=member, status="confirmed", start=start,
                                end=start + dt.timedelta(hours=9), local_date=day, part="day",
                                confirmed_at=start))
    Booking.objects.bulk_create(bookings)
    return {"member": member, "spaces": spaces}


# --- baselines: .values() + JsonResponse, the same rows -----------------------------------------


def baseline_views() -> list[Any]:
    from django.db.models import F
    from django.http import Http404, HttpRequest, JsonResponse
    from django.urls import path

    from ostal.bookings.models import Booking, BookingPolicy
    from ostal.spaces.models import (
        Closure,
        ItineraryStop,
        OpeningHours,
        Price,
        Resource,
        Space,
        SpacePhoto,
        SpecialOpening,
    )

    def my_bookings(request: HttpRequest) -> JsonResponse:
        size = int(request.GET.get("page_size", "50"))
        mine = Booking.objects.filter(member_id=request.user.pk)
        count = mine.count()
        rows = list(mine.order_by("-start", "-id").values(
            "id", "reference", "status", "source", "resource_kind", "local_date", "part",
            "start", "end", "attendees", "expires_at", "checked_in_at", "cancelled_at",
            "no_show_at", "series_id", "booked_by_id", "member_id", "sequence", "created_at",
            "updated_at", "space_id", space_slug=F("space__slug"), space_name=F("space__name"),
            space_timezone=F("space__timezone"), space_address=F("space__address"),
            commune_name=F("space__commune__name"),
            commune_insee=F("space__commune__insee_code"), resource_name=F("resource__name"),
            resource_capacity=F("resource__capacity"))[:size])
        policies = list(BookingPolicy.objects.filter(
            space_id__in={r["space_id"] for r in rows}).values("space_id", "resource_kind",
                                                               "cancellation_deadline_minutes"))
        return JsonResponse({"count": count, "results": rows, "policies": policies})

    def directory(request: HttpRequest) -> JsonResponse:
        size = int(request.GET.get("page_size", "50"))
        spaces = Space.objects.filter(is_published=True)
        count = spaces.count()
        rows = list(spaces.order_by("name").values(
            "id", "slug", "name", "kind", "setting", "department_code", "latitude",
            "longitude", "accepts_network_pass", operator_name=F("operator__name"),
            operator_kind=F("operator__carrier_kind"), commune_name=F("commune__name"),
            commune_insee=F("commune__insee_code"),
            commune_department=F("commune__department_code"))[:size])
        ids = [r["id"] for r in rows]
        services: dict[int, list[str]] = {}
        for link in Space.services.through.objects.filter(space_id__in=ids).values(
                "space_id", code=F("service__code")):
            services.setdefault(link["space_id"], []).append(link["code"])
        prices = {p["space_id"]: p for p in Price.objects.filter(
            space_id__in=ids, unit="day", resource_kind="desk").values("space_id", "amount",
                                                                       "currency")}
        photos = {p["space_id"]: p for p in SpacePhoto.objects.filter(
            space_id__in=ids).order_by("position", "id").values("space_id", "image")}
        for r in rows:
            r["services"] = services.get(r["id"], [])
            r["day_pass_price"] = prices.get(r["id"])
            r["thumbnail"] = photos.get(r["id"])
        return JsonResponse({"count": count, "results": rows})

    def place(request: HttpRequest, slug: str) -> JsonResponse:
        found = list(Space.objects.filter(is_published=True, slug=slug).values(
            "id", "slug", "name", "kind", "setting", "department_code", "latitude",
            "longitude", "accepts_network_pass", "description_fr", "description_en",
            "address", "postal_code", "email", "phone", "website", "accessibility_fr",
            "accessibility_en", "wheelchair_accessible", "timezone",
            operator_name=F("operator__name"), operator_kind=F("operator__carrier_kind"),
            operator_form=F("operator__legal_form"), operator_site=F("operator__website"),
            commune_name=F("commune__name"), commune_insee=F("commune__insee_code")))
        if not found:
            raise Http404
        body = found[0]
        pk, today = body["id"], dt.date.today()
        body["services"] = list(Space.services.through.objects.filter(space_id=pk).values(
            code=F("service__code")))
        body["opening_hours"] = list(OpeningHours.objects.filter(space_id=pk).values(
            "weekday", "opens", "closes"))
        body["special_openings"] = list(SpecialOpening.objects.filter(space_id=pk).values(
            "date", "opens", "closes"))
        body["closures"] = list(Closure.objects.filter(space_id=pk, end_date__gte=today)
                                .values("start_date", "end_date", "reason"))
        body["resources"] = list(Resource.objects.filter(space_id=pk, is_active=True)
                                 .order_by("kind", "name").values("id", "name", "kind",
                                                                  "capacity"))
        body["prices"] = list(Price.objects.filter(space_id=pk).values(
            "resource_kind", "unit", "amount", "currency"))
        body["photos"] = list(SpacePhoto.objects.filter(space_id=pk).values("image", "alt_fr"))
        body["upcoming_stops"] = list(ItineraryStop.objects.filter(
            space_id=pk, date__gte=today).values("date", "opens", "closes",
                                                 commune_name=F("commune__name")))
        return JsonResponse(body)

    return [path("bench/my-bookings/", my_bookings), path("bench/directory/", directory),
            path("bench/place/<slug:slug>/", place)]


def main() -> None:
    args = harness.prepare("ostal_bench_lists", __doc__)
    with harness.bench_database(args):
        from django.conf import settings
        from django.test import Client

        settings.ALLOWED_HOSTS = ["*"]
        harness.install_urls(__name__, baseline_views())
        data = generate(args.smoke)
        member_client, public = Client(), Client()
        member_client.force_login(data["member"])
        slug = data["spaces"][7].slug

        def get(client: Client, url: str) -> Any:
            response = client.get(url)
            assert response.status_code == 200, (url, response.content[:300])
            return response

        pairs = {
            "my bookings, 10 rows": (member_client, "/api/v1/bookings/?when=all&page_size=10",
                                     "/bench/my-bookings/?page_size=10"),
            "my bookings, 100 rows": (member_client,
                                      "/api/v1/bookings/?when=all&page_size=100",
                                      "/bench/my-bookings/?page_size=100"),
            "directory, 50 places": (public, "/api/v1/directory/spaces/?page_size=50",
                                     "/bench/directory/?page_size=50"),
            "place page": (public, f"/api/v1/directory/spaces/{slug}/", f"/bench/place/{slug}/"),
        }
        rounds = 2 if args.smoke else args.rounds or 20
        block = 2 if args.smoke else 10
        harness.as_in_production()
        lines, summary = [], []
        for label, (client, ours_url, base_url) in pairs.items():
            body = get(client, ours_url).json()
            rows = len(body.get("results", [])) if "results" in body else 1
            base_rows = len(get(client, base_url).json().get("results", [])) or 1
            assert rows == base_rows, (label, rows, base_rows)
            ours_q = harness.statements(lambda c=client, u=ours_url: get(c, u))[0]
            base_q = harness.statements(lambda c=client, u=base_url: get(c, u))[0]
            samples = harness.interleaved(
                {"ours": lambda c=client, u=ours_url: get(c, u),
                 "base": lambda c=client, u=base_url: get(c, u)}, rounds=rounds, block=block)
            ours, base = samples["ours"], samples["base"]
            relative = harness.ratio(ours.p50, base.p50)
            summary.append(f"| {label} | {rows} | {ours.p50:.2f} | {base.p50:.2f} | "
                           f"**{relative:.2f}x** | {ours_q} | {base_q} |")
            lines += [f"### {label}", "", harness.TABLE_HEAD,
                      harness.row(f"ostal `{ours_url}`", ours, ours_q),
                      harness.row("`.values()` + JsonResponse, same rows", base, base_q, ours),
                      ""]
            harness.say(f"{label}: {rows} rows, ostal p50 {ours.p50:.2f} ms vs values "
                        f"{base.p50:.2f} ms = {relative:.2f}x; queries {ours_q} vs {base_q}")
        table = "\n".join(summary)
        details = "\n".join(lines)
        report = f"""
## Summary (p50, the targets' percentile; {rounds} rounds of {block} calls each)

| endpoint | rows | ostal ms | `.values()` ms | ostal vs `.values()` | ostal SQL | `.values()` SQL |
|---|---:|---:|---:|---:|---:|---:|
{table}

Targets (issue 13): my bookings >= 0.6x at 100 rows with the same query count, directory
>= 0.6x, place page >= 0.6x in at most 4 queries. SQL statements counted for one whole request
(the session and user lookups of a logged-in member included).

## Details

{details}
"""
        harness.write_report("lists.md", "Benchmark S4: lists and the place page", report, args)


if __name__ == "__main__":
    main()
