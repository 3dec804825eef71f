"""Changes that touch existing bookings (a closure over booked days, a stop moved or cancelled,
a resource deactivated) show their impact first; once confirmed, each affected booking is
cancelled by the place, everything is given back and the person is mailed. Nothing is left
silently invalid, and a refused call changes nothing."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from ostal.bookings.models import Booking
from ostal.checkout.services.pay import booking_checkout
from ostal.memberships.selectors import wallet_get
from ostal.memberships.services.credits import credit_grant
from ostal.notifications.models import Kind, Notification
from ostal.spaces.models import Closure, ItineraryStop, Resource
from tests.conftest import ROLES, like_a_member
from tests.factories import ItineraryStopFactory, ResourceFactory, SpaceFactory, commune
from tests.factories.bookings import paris

pytestmark = pytest.mark.django_db

NOW = paris(2026, 3, 20, 10)  # a Friday
MONDAY, TUESDAY = dt.date(2026, 3, 23), dt.date(2026, 3, 24)


@pytest.fixture(autouse=True)
def _frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def place(operator_cy, manager_cy, stranger_manager_dee):
    space = SpaceFactory(operator=operator_cy, name="La Fabrique")
    for n in (1, 2):
        ResourceFactory(space=space, kind=Resource.Kind.DESK, name=f"D{n}")
    return space


@pytest.fixture
def truck(operator_cy, manager_cy, stranger_manager_dee):
    space = SpaceFactory(operator=operator_cy, name="Le Camion", kind="itinerant",
                         weekday_hours=False)
    ResourceFactory(space=space, kind=Resource.Kind.DESK, name="T1")
    ItineraryStopFactory(space=space, date=TUESDAY, commune=commune("48095"),
                         opens=dt.time(9), closes=dt.time(17))
    return space


def confirmed(space, member, day, *, desk="D1", hours=(9, 17), paid_with_credits=False):
    """A confirmed booking whose confirmation mail went out (the member knows of it)."""
    resource = space.resources.get(name=desk)
    start = paris(day.year, day.month, day.day, hours[0])
    booking = Booking.objects.create(
        space=space, resource=resource, resource_kind="desk", member=member,
        status=Booking.Status.HELD, start=start,
        end=paris(day.year, day.month, day.day, hours[1]), local_date=day, part="day",
        expires_at=timezone.now() + dt.timedelta(minutes=15))
    if paid_with_credits:
        credit_grant(user=member, units=100, scope="space", space=space,
                     valid_from=timezone.now() - dt.timedelta(days=1),
                     expires_at=timezone.now() + dt.timedelta(days=60), source="purchase",
                     source_key=f"test:{booking.pk}", vat_treatment="single_purpose",
                     seller_operator=space.operator)
        booking_checkout(booking=booking, member=member, method="credits")
    else:
        Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.CONFIRMED,
                                                     confirmed_at=timezone.now(),
                                                     expires_at=None)
        Notification.objects.create(kind=Kind.BOOKING_CONFIRMED, user=member, booking=booking,
                                    send_after=timezone.now(), dedupe_key=f"c:{booking.pk}")
    Notification.objects.filter(booking=booking).update(status=Notification.Status.SENT)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    return booking


def cancellation_mails():
    return Notification.objects.filter(kind=Kind.BOOKING_CANCELLED,
                                       status=Notification.Status.PENDING)


def close(client, space, start, end, **extra):
    return client.post(f"/api/v1/manage/spaces/{space.id}/closures/",
                       {"start_date": start.isoformat(), "end_date": end.isoformat(),
                        "reason": "Travaux", **extra}, format="json")


# --- closures ---------------------------------------------------------------------------------


def test_a_closure_over_booked_days_shows_the_bookings_first_and_writes_nothing(
        client_as, place, member_ada, employee_eve):
    confirmed(place, member_ada, MONDAY)
    confirmed(place, employee_eve, TUESDAY, desk="D2")
    confirmed(place, member_ada, dt.date(2026, 3, 26))  # Thursday: outside the closure

    response = close(client_as("manager_cy"), place, MONDAY, TUESDAY)

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "bookings_affected"
    assert body["count"] == 2
    assert body["message"].startswith("2 réservation(s) concernée(s)")
    assert [(b["local_date"], b["resource"]) for b in body["bookings"]] == [
        ("2026-03-23", "D1"), ("2026-03-24", "D2")]
    assert not Closure.objects.exists()
    assert Booking.objects.filter(status="confirmed").count() == 3
    assert not cancellation_mails().exists()


def test_a_confirmed_closure_cancels_refunds_and_mails_each_affected_person(
        client_as, place, member_ada, employee_eve, manager_cy):
    paid = confirmed(place, member_ada, MONDAY, paid_with_credits=True)
    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 0
    other = confirmed(place, employee_eve, TUESDAY, desk="D2")
    untouched = confirmed(place, member_ada, dt.date(2026, 3, 26))

    response = close(client_as("manager_cy"), place, MONDAY, TUESDAY, confirmed_count=2)

    assert response.status_code == 201, response.content
    assert Closure.objects.filter(space=place, start_date=MONDAY, end_date=TUESDAY).exists()
    for booking in (paid, other):
        booking.refresh_from_db()
        assert booking.status == Booking.Status.CANCELLED
        assert booking.cancelled_by == manager_cy
    untouched.refresh_from_db()
    assert untouched.status == Booking.Status.CONFIRMED
    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 100  # credits back
    mails = cancellation_mails()
    assert sorted(m.user.email for m in mails) == sorted([member_ada.email, employee_eve.email])
    assert all(m.payload["by_member"] is False for m in mails)


def test_a_count_that_no_longer_matches_is_refused_with_the_fresh_list(client_as, place,
                                                                       member_ada, employee_eve):
    confirmed(place, member_ada, MONDAY)
    confirmed(place, employee_eve, MONDAY, desk="D2")  # booked after the manager looked

    response = close(client_as("manager_cy"), place, MONDAY, MONDAY, confirmed_count=1)

    assert response.status_code == 409
    assert response.json()["count"] == 2
    assert not Closure.objects.exists()
    assert Booking.objects.filter(status="confirmed").count() == 2


def test_a_closure_without_bookings_is_saved_at_once(client_as, place):
    response = close(client_as("manager_cy"), place, MONDAY, TUESDAY)

    assert response.status_code == 201
    assert response.json()["version"]


def test_bookings_already_over_are_not_affected(client_as, place, member_ada):
    confirmed(place, member_ada, dt.date(2026, 3, 20), hours=(7, 9))  # this morning, ended

    response = close(client_as("manager_cy"), place, dt.date(2026, 3, 20), MONDAY)

    assert response.status_code == 201


def test_a_stale_closure_edit_is_a_409_with_current_values(client_as, place):
    client = client_as("manager_cy")
    created = close(client, place, MONDAY, MONDAY).json()
    url = f"/api/v1/manage/spaces/{place.id}/closures/{created['id']}/"
    client.patch(url, {"reason": "Inventaire", "version": created["version"]}, format="json")

    second = client.patch(url, {"reason": "Autre", "version": created["version"]}, format="json")

    assert second.status_code == 409
    assert second.json()["current"]["reason"] == "Inventaire"
    assert Closure.objects.get().reason == "Inventaire"


# --- the truck's stops --------------------------------------------------------------------------


def test_cancelling_a_booked_stop_needs_confirmation_then_cancels_that_days_bookings(
        client_as, truck, member_ada):
    booking = confirmed(truck, member_ada, TUESDAY, desk="T1")
    stop = ItineraryStop.objects.get(space=truck)
    url = f"/api/v1/manage/spaces/{truck.id}/stops/{stop.id}/"
    client = client_as("manager_cy")

    first = client.delete(url)
    assert first.status_code == 409
    assert first.json()["count"] == 1
    assert ItineraryStop.objects.filter(pk=stop.pk).exists()

    second = client.delete(f"{url}?confirmed_count=1")

    assert second.status_code == 204
    assert not ItineraryStop.objects.filter(pk=stop.pk).exists()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert cancellation_mails().get().user == member_ada


def test_moving_a_stop_to_another_day_affects_that_days_bookings(client_as, truck, member_ada):
    confirmed(truck, member_ada, TUESDAY, desk="T1")
    stop = ItineraryStop.objects.get(space=truck)
    url = f"/api/v1/manage/spaces/{truck.id}/stops/{stop.id}/"
    client = client_as("manager_cy")

    refused = client.patch(url, {"date": "2026-03-25", "version": client.get(url).json()[
        "version"]}, format="json")
    assert refused.status_code == 409
    stop.refresh_from_db()
    assert stop.date == TUESDAY

    moved = client.patch(url, {"date": "2026-03-25", "confirmed_count": 1,
                               "version": refused.json().get("version") or client.get(
                                   url).json()["version"]}, format="json")

    assert moved.status_code == 200, moved.content
    stop.refresh_from_db()
    assert stop.date == dt.date(2026, 3, 25)
    assert Booking.objects.get().status == Booking.Status.CANCELLED


def test_shorter_stop_hours_affect_only_the_bookings_outside_them(client_as, truck, member_ada,
                                                                  employee_eve):
    ResourceFactory(space=truck, kind=Resource.Kind.DESK, name="T2")
    morning = confirmed(truck, member_ada, TUESDAY, desk="T1", hours=(9, 12))
    afternoon = confirmed(truck, employee_eve, TUESDAY, desk="T2", hours=(14, 17))
    stop = ItineraryStop.objects.get(space=truck)
    url = f"/api/v1/manage/spaces/{truck.id}/stops/{stop.id}/"

    response = client_as("manager_cy").patch(url, {"opens": "09:00", "closes": "13:00"},
                                             format="json")

    assert response.status_code == 409
    assert [b["reference"] for b in response.json()["bookings"]] == [str(afternoon.reference)]
    again = client_as("manager_cy").patch(url, {"opens": "09:00", "closes": "13:00",
                                                "confirmed_count": 1}, format="json")
    assert again.status_code == 200
    morning.refresh_from_db()
    afternoon.refresh_from_db()
    assert (morning.status, afternoon.status) == ("confirmed", "cancelled")


def test_a_week_of_stops_is_added_at_once(client_as, truck):
    response = client_as("manager_cy").post(
        f"/api/v1/manage/spaces/{truck.id}/stops/week/",
        {"dates": ["2026-03-30", "2026-03-31", "2026-04-02"], "commune": "48080",
         "opens": "09:30", "closes": "16:00", "location_note": "Place du Champ de Foire"},
        format="json")

    assert response.status_code == 201, response.content
    stops = ItineraryStop.objects.filter(space=truck, date__gte=dt.date(2026, 3, 30))
    assert [s.date.isoformat() for s in stops] == ["2026-03-30", "2026-03-31", "2026-04-02"]
    assert {s.commune.name for s in stops} == {"Langogne"}
    assert len(response.json()) == 3


@pytest.mark.parametrize(("payload", "field"), [
    ({"dates": ["2026-03-24", "2026-03-25"]}, "dates"),  # Tuesday already has a stop
    ({"dates": []}, "dates"),
    ({"dates": ["2026-03-30"], "opens": "17:00", "closes": "09:00"}, "closes"),
    ({"dates": ["2026-03-30"], "commune": "00000"}, "commune"),
    ({"dates": ["lundi"]}, "dates"),
])
def test_a_bad_week_of_stops_is_refused_whole(client_as, truck, payload, field):
    body = {"commune": "48080", "opens": "09:00", "closes": "16:00", **payload}

    response = client_as("manager_cy").post(f"/api/v1/manage/spaces/{truck.id}/stops/week/",
                                            body, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert ItineraryStop.objects.filter(space=truck).count() == 1


# --- resources ----------------------------------------------------------------------------------


def test_deactivating_a_booked_resource_needs_confirmation(client_as, place, member_ada):
    booking = confirmed(place, member_ada, MONDAY)
    desk = place.resources.get(name="D1")
    url = f"/api/v1/manage/spaces/{place.id}/resources/{desk.id}/"
    client = client_as("manager_cy")

    refused = client.patch(url, {"is_active": False}, format="json")
    assert refused.status_code == 409
    desk.refresh_from_db()
    assert desk.is_active

    done = client.patch(url, {"is_active": False, "confirmed_count": 1}, format="json")

    assert done.status_code == 200
    desk.refresh_from_db()
    booking.refresh_from_db()
    assert (desk.is_active, booking.status) == (False, "cancelled")


def test_renaming_a_booked_resource_affects_nobody(client_as, place, member_ada):
    confirmed(place, member_ada, MONDAY)
    desk = place.resources.get(name="D1")

    response = client_as("manager_cy").patch(
        f"/api/v1/manage/spaces/{place.id}/resources/{desk.id}/", {"name": "Poste fenêtre"},
        format="json")

    assert response.status_code == 200
    assert Booking.objects.get().status == "confirmed"


# --- role matrix --------------------------------------------------------------------------------

ON_CY = like_a_member({"anonymous": 403, "member_ada": 403, "stranger_manager_dee": 404,
                       "manager_cy": 201, "network_admin_nina": 201})


@pytest.mark.parametrize("role", ROLES)
def test_closing_booked_days(client_as, role, place, member_ada):
    booking = confirmed(place, member_ada, MONDAY)

    response = close(client_as(role), place, MONDAY, MONDAY, confirmed_count=1)

    assert response.status_code == ON_CY[role]
    booking.refresh_from_db()
    done = ON_CY[role] == 201
    assert Closure.objects.exists() == done
    assert booking.status == ("cancelled" if done else "confirmed")
    assert cancellation_mails().exists() == done


@pytest.mark.parametrize("role", ROLES)
def test_adding_a_week_of_stops(client_as, role, truck):
    response = client_as(role).post(f"/api/v1/manage/spaces/{truck.id}/stops/week/",
                                    {"dates": ["2026-03-30", "2026-03-31"], "commune": "48080",
                                     "opens": "09:00", "closes": "16:00"}, format="json")

    assert response.status_code == ON_CY[role]
    assert ItineraryStop.objects.filter(space=truck).count() == (
        3 if ON_CY[role] == 201 else 1)


@pytest.mark.parametrize("role", ROLES)
def test_cancelling_a_booked_stop(client_as, role, truck, member_ada):
    booking = confirmed(truck, member_ada, TUESDAY, desk="T1")
    stop = ItineraryStop.objects.get(space=truck)

    response = client_as(role).delete(
        f"/api/v1/manage/spaces/{truck.id}/stops/{stop.id}/?confirmed_count=1")

    expected = {201: 204}.get(ON_CY[role], ON_CY[role])
    assert response.status_code == expected
    booking.refresh_from_db()
    assert ItineraryStop.objects.filter(pk=stop.pk).exists() == (expected != 204)
    assert booking.status == ("cancelled" if expected == 204 else "confirmed")


@pytest.mark.parametrize("role", ROLES)
def test_deactivating_a_booked_resource(client_as, role, place, member_ada):
    booking = confirmed(place, member_ada, MONDAY)
    desk = place.resources.get(name="D1")

    response = client_as(role).patch(
        f"/api/v1/manage/spaces/{place.id}/resources/{desk.id}/",
        {"is_active": False, "confirmed_count": 1}, format="json")

    expected = {201: 200}.get(ON_CY[role], ON_CY[role])
    assert response.status_code == expected
    desk.refresh_from_db()
    booking.refresh_from_db()
    assert desk.is_active == (expected != 200)
    assert booking.status == ("cancelled" if expected == 200 else "confirmed")


def test_the_closures_list_costs_the_same_for_one_or_six(client_as, place,
                                                         django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("manager_cy")
    url = f"/api/v1/manage/spaces/{place.id}/closures/"
    Closure.objects.create(space=place, start_date=MONDAY, end_date=MONDAY)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(url).json()) == 1
    few_count = len(few)
    for n in range(5):
        day = dt.date(2026, 4, 1 + n)
        Closure.objects.create(space=place, start_date=day, end_date=day)

    with django_assert_max_num_queries(few_count):
        assert len(client.get(url).json()) == 6
