"""The public directory answers every filter with exactly the places that satisfy it.

Expected sets are computed here by walking every place in Python (an independent oracle),
not by re-running the selector's queries.
"""

import datetime as dt
import math

import pytest

from ostal.spaces.models import Space

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_network")]
URL = "/api/v1/directory/spaces/"


def names(client, query: str) -> list[str]:
    response = client.get(f"{URL}?page_size=200&{query}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(body["results"])
    return [item["name"] for item in body["results"]]


def every_place() -> list[Space]:
    return list(Space.objects.prefetch_related("services", "opening_hours", "closures",
                                               "special_openings", "stops__commune"))


def codes(space: Space) -> set[str]:
    return {service.code for service in space.services.all()}


def is_open(space: Space, day: dt.date) -> bool:
    if any(c.start_date <= day <= c.end_date for c in space.closures.all()):
        return False
    if space.kind == "itinerant":
        return any(stop.date == day for stop in space.stops.all())
    return (any(h.weekday == day.weekday() for h in space.opening_hours.all())
            or any(s.date == day for s in space.special_openings.all()))


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(math.sqrt(a))


def test_lozere_with_fibre_returns_exactly_the_matching_places(api_client):
    expected = sorted(s.name for s in every_place()
                      if (s.department_code == "48" or any(
                          stop.commune.department_code == "48" for stop in s.stops.all()))
                      and "fibre" in codes(s))

    found = names(api_client, "department=48&services=fibre")

    assert found == expected
    assert "Le Camion des Causses" in found
    assert len(found) >= 5


@pytest.mark.parametrize("kind", [k for k, _ in Space.Kind.choices])
def test_filters_by_kind(api_client, kind):
    assert names(api_client, f"kind={kind}") == sorted(
        s.name for s in every_place() if s.kind == kind)


@pytest.mark.parametrize("setting", ["urban", "periurban", "rural"])
def test_filters_by_setting(api_client, setting):
    expected = sorted(s.name for s in every_place() if s.setting == setting)
    assert expected
    assert names(api_client, f"setting={setting}") == expected


def test_filters_by_several_services_keeps_places_with_all_of_them(api_client):
    wanted = {"parking", "meeting_rooms", "wifi"}
    expected = sorted(s.name for s in every_place() if wanted <= codes(s))
    assert expected
    assert names(api_client, "services=parking,meeting_rooms,wifi") == expected


@pytest.mark.parametrize("flag", ["true", "false"])
def test_filters_on_the_base_set(api_client, flag):
    from ostal.spaces.models import Service

    base = set(Service.objects.filter(is_base=True).values_list("code", flat=True))
    expected = sorted(s.name for s in every_place() if (base <= codes(s)) == (flag == "true"))
    assert expected
    assert names(api_client, f"base_set={flag}") == expected


def test_base_set_follows_a_change_of_the_socle_at_once(api_client):
    from ostal.spaces.models import Service

    # given a place that offers the whole socle de base
    base = set(Service.objects.filter(is_base=True).values_list("code", flat=True))
    complete = next(s.name for s in every_place() if base <= codes(s))
    assert complete in names(api_client, "base_set=true")
    # when the network adds to the socle a service nobody offers
    Service.objects.create(code="sauna", name_fr="Sauna", name_en="Sauna",
                           category=Service.Category.AMENITY, is_base=True)
    # then no place offers the socle any more, on the very next request
    assert names(api_client, "base_set=true") == []
    # and with an empty socle every place offers it
    Service.objects.update(is_base=False)
    assert len(names(api_client, "base_set=true")) == len(every_place())


def test_filters_on_the_network_pass(api_client):
    expected = sorted(s.name for s in every_place() if s.accepts_network_pass)
    assert names(api_client, "accepts_pass=true") == expected


def test_open_on_a_date_follows_hours_closures_and_truck_stops(api_client):
    today = dt.date.today()
    next_tuesday = today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)
    next_sunday = today + dt.timedelta(days=(6 - today.weekday()) % 7 or 7)
    christmas = dt.date(today.year if today < dt.date(today.year, 12, 24) else today.year + 1,
                        12, 24)
    places = every_place()

    for day in (next_tuesday, next_sunday, christmas):
        expected = sorted(s.name for s in places if is_open(s, day))
        assert names(api_client, f"open_on={day.isoformat()}") == expected, day

    tuesday_names = names(api_client, f"open_on={next_tuesday.isoformat()}")
    sunday_names = names(api_client, f"open_on={next_sunday.isoformat()}")
    assert "Le Camion des Causses" in tuesday_names
    assert "Le Camion des Causses" not in sunday_names
    assert len(names(api_client, f"open_on={christmas.isoformat()}")) < len(tuesday_names)


def test_near_a_commune_sorts_by_distance_within_the_radius(api_client):
    figeac = (44.60894, 2.03155)
    expected = sorted((haversine(*figeac, s.latitude, s.longitude), s.name)
                      for s in every_place()
                      if haversine(*figeac, s.latitude, s.longitude) <= 25)

    response = api_client.get(f"{URL}?near_commune=46102&radius_km=25&page_size=200")

    results = response.json()["results"]
    assert [r["name"] for r in results] == [name for _, name in expected]
    assert [r["distance_km"] for r in results] == [round(d, 1) for d, _ in expected]
    assert results[0]["commune"]["name"] == "Figeac"


def test_near_me_uses_the_given_point(api_client):
    toulouse_capitole = "43.6045,1.4440"
    results = api_client.get(f"{URL}?near={toulouse_capitole}&page_size=5").json()["results"]
    assert [r["commune"]["name"] for r in results[:3]] == ["Toulouse"] * 3
    assert results == sorted(results, key=lambda r: r["distance_km"])


def test_free_text_matches_names_communes_and_operators(api_client):
    expected = sorted(s.name for s in every_place()
                      if "mende" in s.name.lower() or "mende" in s.commune.name.lower()
                      or "mende" in s.operator.name.lower()
                      or "mende" in s.description_fr.lower()
                      or "mende" in s.description_en.lower())
    assert expected
    assert names(api_client, "q=Mende") == expected


def test_filters_combine(api_client):
    expected = sorted(s.name for s in every_place()
                      if s.department_code == "31" and s.kind == "coworking"
                      and s.accepts_network_pass)
    assert names(api_client, "department=31&kind=coworking&accepts_pass=true") == expected


@pytest.mark.parametrize(("query", "field"), [
    ("department=99", "department"),
    ("kind=boat", "kind"),
    ("setting=lunar", "setting"),
    ("services=fibre,teleportation", "services"),
    ("open_on=2026-02-30", "open_on"),
    ("near=43.6", "near"),
    ("near=95,1", "near"),
    ("near_commune=99999", "near_commune"),
    ("radius_km=10", "radius_km"),
    ("near_commune=46102&radius_km=-3", "radius_km"),
    ("base_set=perhaps", "base_set"),
    ("page_size=abc&page=zzz", None),
])
def test_bad_filters_get_a_clear_400(api_client, query, field):
    response = api_client.get(f"{URL}?{query}")
    if field is None:  # paging garbage is a 404 "invalid page", never a 500
        assert response.status_code == 404
        return
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert field in body["fields"]
    assert body["fields"][field][0]


def test_the_truck_page_lists_its_next_stops(api_client):
    body = api_client.get(f"{URL}le-camion-des-causses/").json()

    stops = body["upcoming_stops"]
    assert body["kind"] == "itinerant"
    assert len(stops) >= 20
    assert {s["commune"]["department_code"] for s in stops} == {"48"}
    assert [s["date"] for s in stops] == sorted(s["date"] for s in stops)
    assert stops[0]["date"] >= dt.date.today().isoformat()
    assert {dt.date.fromisoformat(s["date"]).weekday() for s in stops} <= {0, 1, 2, 3, 4}


def test_a_place_page_shows_what_a_visitor_needs(api_client):
    space = Space.objects.exclude(kind="itinerant").filter(resources__kind="meeting_room").first()

    body = api_client.get(f"{URL}{space.slug}/").json()

    assert body["name"] == space.name
    assert body["operator"]["carrier_kind"] in {"public", "private"}
    assert body["description_fr"]
    assert body["description_en"]
    assert len(body["opening_hours"]) >= 5
    assert {r["kind"] for r in body["resources"]} >= {"desk", "meeting_room"}
    rooms = [r for r in body["resources"] if r["kind"] == "meeting_room"]
    assert all(r["capacity"] >= 4 for r in rooms)
    day_price = next(p for p in body["prices"] if p["unit"] == "day"
                     and p["resource_kind"] == "desk")
    assert 10 <= float(day_price["amount"]) <= 26
    assert day_price["currency"] == "EUR"
    assert body["upcoming_stops"] == []


def test_unknown_or_unpublished_place_is_404(api_client):
    space = Space.objects.first()
    Space.objects.filter(pk=space.pk).update(is_published=False)

    assert api_client.get(f"{URL}{space.slug}/").status_code == 404
    assert api_client.get(f"{URL}no-such-place/").status_code == 404
    assert space.name not in names(api_client, "")


def test_geojson_export_has_every_place_as_a_point(api_client):
    response = api_client.get("/api/v1/directory/spaces.geojson?department=48")

    assert response["Content-Type"] == "application/geo+json"
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    lozere = {s.name: s for s in every_place() if s.department_code == "48"}
    features = {f["properties"]["name"]: f for f in collection["features"]}
    assert set(features) >= set(lozere)
    mende = next(f for f in collection["features"] if f["properties"]["commune"] == "Mende")
    lon, lat = mende["geometry"]["coordinates"]
    assert 3.3 < lon < 3.7
    assert 44.4 < lat < 44.7


def test_services_and_departments_reference_lists(api_client):
    services = api_client.get("/api/v1/directory/services/").json()
    departments = api_client.get("/api/v1/directory/departments/").json()

    assert {"fibre", "childcare", "bike_parking", "fablab"} <= {s["code"] for s in services}
    assert any(s["is_base"] for s in services)
    assert len(departments) == 13
    assert {"code": "48", "name": "Lozère"} in departments


def test_commune_autocomplete(api_client):
    found = api_client.get("/api/v1/directory/communes/?q=fig").json()
    assert found[0]["name"] == "Figeac"
    assert api_client.get("/api/v1/directory/communes/?q=f").status_code == 400
