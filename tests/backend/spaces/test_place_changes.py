"""Changes that touch existing bookings (a closure over booked days, shorter weekly hours, a
stop moved or cancelled, a resource deactivated) show their impact first; once confirmed, each
affected booking is cancelled by the place, everything is given back and the person is mailed.
Nothing is left silently invalid, and a refused call changes nothing."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from ostal.bookings.models import Booking
from ostal.checkout.services.pay import booking_checkout
from ostal.memberships.selectors import wallet_get
from ostal.memberships.services.credits import credit_grant
from ostal.notifications.models import Kind, Notification
from ostal.spaces.models import Closure, ItineraryStop, Resource, SpecialOpening
from ostal.spaces.services import (
    opening_hours_set_week,
    opening_hours_version,
    opening_hours_week,
)
from tests.backend.billing.concurrency import requires_postgres, run_concurrently
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


# --- weekly opening hours -----------------------------------------------------------------------

def week_url(space):
    return f"/api/v1/manage/spaces/{space.id}/opening-hours/week/"


def weekdays(opens, closes, days=range(5)):
    return [{"weekday": day, "opens": opens, "closes": closes} for day in days]


def set_week(client, space, hours, **extra):
    version = client.get(week_url(space)).json()["version"]
    return client.put(week_url(space), {"hours": hours, "version": version, **extra},
                      format="json")


def stored_week(space):
    return [(h.weekday, f"{h.opens:%H:%M}", f"{h.closes:%H:%M}")
            for h in space.opening_hours.order_by("weekday", "opens")]


def test_the_week_is_read_as_a_whole_with_its_version(client_as, place):
    body = client_as("manager_cy").get(week_url(place)).json()

    assert [(h["weekday"], h["opens"], h["closes"]) for h in body["hours"]] == [
        (day, "09:00:00", "18:00:00") for day in range(5)]
    assert body["version"]


def test_shorter_hours_show_the_bookings_left_outside_and_write_nothing(
        client_as, place, member_ada, employee_eve):
    confirmed(place, member_ada, MONDAY, hours=(9, 17))
    confirmed(place, employee_eve, dt.date(2026, 3, 26), desk="D2", hours=(9, 12))
    before = stored_week(place)

    response = set_week(client_as("manager_cy"), place, weekdays("09:00", "16:00"))

    assert response.status_code == 409
    body = response.json()
    assert (body["code"], body["count"]) == ("bookings_affected", 1)
    assert [(b["local_date"], b["resource"]) for b in body["bookings"]] == [("2026-03-23", "D1")]
    assert stored_week(place) == before
    assert Booking.objects.filter(status="confirmed").count() == 2
    assert not cancellation_mails().exists()


def test_confirmed_shorter_hours_cancel_refund_and_mail_then_apply(
        client_as, place, member_ada, employee_eve):
    paid = confirmed(place, member_ada, MONDAY, hours=(9, 17), paid_with_credits=True)
    morning = confirmed(place, employee_eve, dt.date(2026, 3, 26), desk="D2", hours=(9, 12))

    response = set_week(client_as("manager_cy"), place, weekdays("09:00", "16:00"),
                        confirmed_count=1)

    assert response.status_code == 200, response.json()
    assert stored_week(place) == [(day, "09:00", "16:00") for day in range(5)]
    paid.refresh_from_db()
    morning.refresh_from_db()
    assert (paid.status, morning.status) == ("cancelled", "confirmed")
    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 100  # credits back
    assert list(cancellation_mails().values_list("user__email", flat=True)) == [
        member_ada.email]


def test_a_day_no_longer_open_affects_its_bookings(client_as, place, member_ada):
    confirmed(place, member_ada, MONDAY)

    response = set_week(client_as("manager_cy"), place,
                        weekdays("09:00", "18:00", days=range(1, 5)))

    assert response.status_code == 409
    assert response.json()["count"] == 1


def test_a_lunch_break_cuts_a_day_booking_but_longer_hours_do_not(client_as, place,
                                                                   member_ada):
    confirmed(place, member_ada, MONDAY)
    hours = [*weekdays("08:00", "12:30"), *weekdays("13:30", "19:00"),
             {"weekday": 5, "opens": "10:00", "closes": "13:00"}]

    response = set_week(client_as("manager_cy"), place, hours)

    # Monday 09:00-17:00 is no longer inside one range: the lunch break cuts it.
    assert response.status_code == 409
    longer = set_week(client_as("manager_cy"), place,
                      [*weekdays("08:00", "19:00"), {"weekday": 5, "opens": "10:00",
                                                     "closes": "13:00"}])
    assert longer.status_code == 200, longer.json()
    assert stored_week(place)[-1] == (5, "10:00", "13:00")
    assert Booking.objects.get().status == "confirmed"


def test_days_with_exceptional_hours_keep_them(client_as, place, member_ada):
    SpecialOpening.objects.create(space=place, date=MONDAY, opens=dt.time(8),
                                  closes=dt.time(20))
    confirmed(place, member_ada, MONDAY, hours=(9, 17))

    response = set_week(client_as("manager_cy"), place, weekdays("09:00", "12:00"))

    assert response.status_code == 200, response.json()
    assert Booking.objects.get().status == "confirmed"


def test_a_week_saved_from_an_old_version_is_a_409_with_the_current_week(client_as, place):
    cy, nina = client_as("manager_cy"), client_as("network_admin_nina")
    version = cy.get(week_url(place)).json()["version"]
    first = nina.put(week_url(place), {"hours": weekdays("08:00", "18:00"),
                                       "version": version}, format="json")

    second = cy.put(week_url(place), {"hours": weekdays("10:00", "18:00"), "version": version},
                    format="json")

    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json()["code"] == "stale_version"
    assert second.json()["current"]["hours"][0]["opens"] == "08:00:00"
    assert second.json()["current"]["version"] == first.json()["version"]
    assert stored_week(place)[0] == (0, "08:00", "18:00")


@pytest.mark.parametrize(("hours", "field"), [
    ([{"weekday": 0, "opens": "09:00", "closes": "12:00"},
      {"weekday": 0, "opens": "11:00", "closes": "18:00"}], "hours"),
    ([{"weekday": 0, "opens": "18:00", "closes": "09:00"}], "hours"),
    ([{"weekday": 9, "opens": "09:00", "closes": "18:00"}], "hours"),
    ([{"weekday": 0, "opens": "9h", "closes": "18:00"}], "hours"),
    ([{"weekday": 0, "opens": f"{h:02d}:00", "closes": f"{h:02d}:30"} for h in range(8, 13)],
     "hours"),
    ("lundi", "hours"),
])
def test_bad_hours_are_a_field_error_and_change_nothing(client_as, place, hours, field):
    before = stored_week(place)

    response = set_week(client_as("manager_cy"), place, hours)

    assert response.status_code == 400
    assert field in response.json()["fields"], response.json()
    assert stored_week(place) == before


def test_removing_one_booked_range_needs_confirmation(client_as, place, member_ada):
    booking = confirmed(place, member_ada, MONDAY)
    monday = place.opening_hours.get(weekday=0)
    url = f"/api/v1/manage/spaces/{place.id}/opening-hours/{monday.id}/"
    cy = client_as("manager_cy")

    refused = cy.delete(url)
    done = cy.delete(f"{url}?confirmed_count=1")

    assert (refused.status_code, done.status_code) == (409, 204)
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_the_impact_of_new_hours_costs_the_same_for_one_or_five_bookings(client_as, place):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UserFactory

    cy = client_as("manager_cy")
    confirmed(place, UserFactory(), MONDAY)
    version = cy.get(week_url(place)).json()["version"]
    payload = {"hours": weekdays("09:00", "16:00"), "version": version}
    with CaptureQueriesContext(connection) as one:
        assert cy.put(week_url(place), payload, format="json").json()["count"] == 1
    for n in range(4):
        confirmed(place, UserFactory(), dt.date(2026, 3, 24 + n % 3), desk=f"D{1 + n // 3}")

    with CaptureQueriesContext(connection) as five:
        assert cy.put(week_url(place), payload, format="json").json()["count"] == 5
    assert len(five) == len(one)


@pytest.mark.parametrize("role", ROLES)
def test_setting_the_week(client_as, role, place, member_ada):
    booking = confirmed(place, member_ada, MONDAY)
    before = stored_week(place)

    response = client_as(role).put(week_url(place), {"hours": weekdays("09:00", "16:00"),
                                                     "confirmed_count": 1}, format="json")

    expected = {201: 200}.get(ON_CY[role], ON_CY[role])
    assert response.status_code == expected
    booking.refresh_from_db()
    assert (stored_week(place) == before) == (expected != 200)
    assert booking.status == ("cancelled" if expected == 200 else "confirmed")


@pytest.mark.parametrize("role", ROLES)
def test_reading_the_week(client_as, role, place):
    expected = {201: 200}.get(ON_CY[role], ON_CY[role])
    assert client_as(role).get(week_url(place)).status_code == expected


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_racing_week_saves_from_one_version_let_exactly_one_through(operator_cy):
    space = SpaceFactory(operator=operator_cy)
    version = opening_hours_version(opening_hours_week(space))

    results = run_concurrently(4, lambda i: opening_hours_set_week(
        space=space, week=[(0, dt.time(8 + i), dt.time(18))], version=version))

    saved = [r for r in results if isinstance(r, list)]
    conflicts = [r for r in results if getattr(r, "code", None) == "stale_version"]
    assert (len(saved), len(conflicts)) == (1, 3), results
    assert opening_hours_week(space) == saved[0]
