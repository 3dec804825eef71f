"""The fast availability renderer produces exactly what the documented serializers would."""

import datetime as dt
import json
from typing import Any

import pytest

from ostal.accounts.models import User
from ostal.bookings.api import render
from ostal.bookings.api import serializers as s
from ostal.bookings.availability import AvailabilitySearch, Window, availability_search
from ostal.spaces.models import Space
from tests.backend.bookings.conftest import MONDAY, TUESDAY, book
from tests.factories import ClosureFactory, ItineraryStopFactory, commune
from tests.factories.bookings import ResourceBlockFactory, paris

pytestmark = pytest.mark.django_db


def plain(data: Any) -> Any:
    return json.loads(json.dumps(data))


@pytest.mark.parametrize(("kind", "window"), [
    ("desk", Window()),
    ("desk", Window(part="afternoon")),
    ("meeting_room", Window(start_time=dt.time(10), end_time=dt.time(12))),
])
def test_fast_rendering_matches_the_serializers(figeac: Space, truck: Space, member_ada: User,
                                                kind: str, window: Window) -> None:
    ItineraryStopFactory(space=truck, date=MONDAY, commune=commune("12052"),
                         location_note="Place de la gare")
    ClosureFactory(space=figeac, start_date=TUESDAY, end_date=TUESDAY)
    book(member_ada, figeac, MONDAY, part="morning")
    ResourceBlockFactory(resource=figeac.resources.get(name="Salle Célé"),
                         start=paris(2026, 3, 23, 15), end=paris(2026, 3, 23, 16))

    results = availability_search(AvailabilitySearch(
        date=MONDAY, date_to=MONDAY + dt.timedelta(days=2), resource_kind=kind, window=window,
        near=(44.6, 2.0)))

    assert results
    for result in results:
        assert plain(render.availability_space(result)) == plain(
            s.AvailabilitySpaceOutputSerializer(result).data)


def various_bookings(member: User, figeac: Space, truck: Space, manager: User) -> list[Any]:
    """A desk half-day (cancelled), a room with its own deadline, a truck day, one booked by a
    manager."""
    from ostal.bookings import services
    from tests.factories.bookings import BookingPolicyFactory

    BookingPolicyFactory(space=figeac, resource_kind="meeting_room", sale_unit="hour",
                         cancellation_deadline_minutes=240)
    made = [
        book(member, figeac, MONDAY, part="morning"),
        book(member, figeac, MONDAY, resource_kind="meeting_room",
             start_time=dt.time(14), end_time=dt.time(16), attendees=3),
        book(member, truck, TUESDAY),
        book(member, figeac, MONDAY + dt.timedelta(days=2), part="afternoon",
             booked_by=manager),
    ]
    services.booking_cancel(booking=made[0], actor=member)
    made[0].refresh_from_db()
    return made


def test_fast_booking_rendering_matches_the_serializer(figeac: Space, truck: Space,
                                                       member_ada: User, manager_cy: User) -> None:
    made = various_bookings(member_ada, figeac, truck, manager_cy)
    policies = s.policies_for(made)
    stops = s.stops_for(made)

    renderer = render.BookingRenderer(policies, stops)
    for booking in made:
        assert plain(renderer.booking(booking)) == plain(
            s.BookingOutputSerializer(booking, context={"policies": policies}).data)
    # The truck's booking names where the truck stands that day; the fixed place's, none.
    assert renderer.booking(made[2])["stop"]["commune"]["insee_code"] == "48095"
    assert renderer.booking(made[1])["stop"] is None


def test_my_bookings_list_matches_the_serializer(figeac: Space, truck: Space, member_ada: User,
                                                 manager_cy: User, client_as) -> None:
    """The list renders plain rows (`selectors.booking_rows_for_member`): every item is what
    BookingOutputSerializer says of the same booking, whatever its status or place."""
    from ostal.bookings.models import Booking

    made = various_bookings(member_ada, figeac, truck, manager_cy)

    body = client_as("member_ada").get("/api/v1/bookings/?when=all").json()

    mine = {b.pk: b for b in Booking.objects.filter(member=member_ada).select_related(
        "space__commune", "resource")}
    assert sorted(item["id"] for item in body["results"]) == sorted(b.pk for b in made)
    context = {"policies": s.policies_for(mine.values()), "stops": s.stops_for(mine.values())}
    for item in body["results"]:
        assert item == plain(s.BookingOutputSerializer(mine[item["id"]], context=context).data)
    truck_day = next(item for item in body["results"] if item["space"]["id"] == truck.pk)
    assert truck_day["stop"]["commune"]["insee_code"] == "48095"  # where the truck stands

