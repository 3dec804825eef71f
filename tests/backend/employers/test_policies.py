"""An employee books, the employer's policy decides: each rule refuses with its exact reason
and writes nothing; an accepted booking is paid from the pool (with the co-payment)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from ostal.accounts.models import CommuteDeclaration
from ostal.bookings.models import Booking
from ostal.employers.models import EmployerBooking
from ostal.employers.selectors import pool_units_available
from ostal.memberships.models import CreditLedgerEntry
from ostal.memberships.selectors import wallet_get
from ostal.memberships.services.credits import credit_grant
from ostal.spaces.services import security_verify
from tests.backend.employers.conftest import (
    checkout,
    held,
    next_weekday,
    set_policy,
    week_in_one_month,
)
from tests.factories import SpaceFactory, commune

pytestmark = pytest.mark.django_db

MONDAY, SATURDAY = 0, 5


def refused_with(answer, code, booking, employer, units_before):
    """The refusal names the rule, and nothing moved: no spend, booking still held."""
    assert answer.status_code == 409, answer.content
    assert answer.json()["code"] == code
    booking.refresh_from_db()
    assert booking.status == Booking.Status.HELD
    assert pool_units_available(employer, now=booking.created_at) == units_before
    assert not EmployerBooking.objects.filter(booking=booking).exists()
    return answer.json()["message"]


def test_an_allowed_desk_day_is_paid_from_the_pool_and_confirmed(
        client_as, employee_eve, funded_acme, pass_space):
    booking = held(pass_space, employee_eve, next_weekday(MONDAY))

    answer = checkout(client_as("employee_eve"), booking)

    assert answer.status_code == 200, answer.content
    assert answer.json()["booking_status"] == "confirmed"
    assert answer.json()["company_credits"] == "1.00"
    assert pool_units_available(funded_acme, now=booking.created_at) == 900
    row = EmployerBooking.objects.get(booking=booking)
    assert (row.days, row.company_amount, row.department_code) == (Decimal("1"),
                                                                    Decimal("15.00"), "31")


def test_someone_without_an_employer_is_told_so(client_as, member_ada, pass_space):
    booking = held(pass_space, member_ada, next_weekday(MONDAY))

    answer = checkout(client_as("member_ada"), booking)

    assert answer.status_code == 403
    assert answer.json()["code"] == "not_an_employee"


def test_a_booking_of_someone_else_is_not_found(client_as, employee_eve, member_ada,
                                                funded_acme, pass_space):
    booking = held(pass_space, member_ada, next_weekday(MONDAY))

    assert checkout(client_as("employee_eve"), booking).status_code == 404
    assert pool_units_available(funded_acme, now=booking.created_at) == 1000


def test_weekday_rule(client_as, employee_eve, funded_acme, pass_space):
    set_policy(funded_acme, allowed_weekdays=[0, 1, 2, 3, 4])
    booking = held(pass_space, employee_eve, next_weekday(SATURDAY))

    message = refused_with(checkout(client_as("employee_eve"), booking), "policy_weekday",
                           booking, funded_acme, 1000)
    assert "samedi" in message


def test_resource_kind_rule(client_as, employee_eve, funded_acme, pass_space):
    set_policy(funded_acme, allowed_resource_kinds=["meeting_room"])
    booking = held(pass_space, employee_eve, next_weekday(MONDAY))

    refused_with(checkout(client_as("employee_eve"), booking), "policy_resource_kind", booking,
                 funded_acme, 1000)


def test_place_list_rule(client_as, employee_eve, funded_acme, pass_space, operator_cy):
    other = SpaceFactory(operator=operator_cy, accepts_network_pass=True)
    policy = set_policy(funded_acme)
    policy.allowed_spaces.set([other])
    booking = held(pass_space, employee_eve, next_weekday(MONDAY))

    refused_with(checkout(client_as("employee_eve"), booking), "policy_place", booking,
                 funded_acme, 1000)

    policy.allowed_spaces.set([other, pass_space])
    assert checkout(client_as("employee_eve"), booking).status_code == 200


def test_department_rule(client_as, employee_eve, funded_acme, pass_space):
    set_policy(funded_acme, allowed_departments=["34", "48"])
    booking = held(pass_space, employee_eve, next_weekday(MONDAY))

    message = refused_with(checkout(client_as("employee_eve"), booking), "policy_department",
                           booking, funded_acme, 1000)
    assert "34, 48" in message


def test_distance_rule_uses_the_declared_home_commune(client_as, employee_eve, funded_acme,
                                                      pass_space):
    set_policy(funded_acme, max_distance_km=30)
    booking = held(pass_space, employee_eve, next_weekday(MONDAY))
    client = client_as("employee_eve")

    refused_with(checkout(client, booking), "policy_home_unknown", booking, funded_acme, 1000)

    # Montpellier is about 200 km from Toulouse as the crow flies.
    declaration = CommuteDeclaration.objects.create(user=employee_eve,
                                                    home_commune=commune("34172"))
    message = refused_with(checkout(client, booking), "policy_distance", booking, funded_acme,
                           1000)
    assert "30 km" in message

    declaration.home_commune = commune("31069")  # Blagnac, next to Toulouse
    declaration.save()
    assert checkout(client, booking).status_code == 200


def test_secure_places_only(client_as, employee_eve, funded_acme, pass_space,
                            network_admin_nina):
    set_policy(funded_acme, secure_places_only=True)
    booking = held(pass_space, employee_eve, next_weekday(MONDAY))
    refused_with(checkout(client_as("employee_eve"), booking), "policy_secure_only", booking,
                 funded_acme, 1000)

    # Declared is not enough: the network verifies each feature.
    secure = list(pass_space.services.model.objects.filter(
        code__in=["private_room", "wired_network", "lockers", "badge_access"]))
    pass_space.services.add(*secure)
    refused_with(checkout(client_as("employee_eve"), booking), "policy_secure_only", booking,
                 funded_acme, 1000)

    today = timezone.localdate()
    for service in secure[:3]:
        security_verify(actor=network_admin_nina, space=pass_space, service=service,
                        verified_on=today)
    refused_with(checkout(client_as("employee_eve"), booking), "policy_secure_only", booking,
                 funded_acme, 1000)  # three of four verified

    security_verify(actor=network_admin_nina, space=pass_space, service=secure[3],
                    verified_on=today)
    assert checkout(client_as("employee_eve"), booking).status_code == 200


def test_a_place_outside_the_pass_is_refused(client_as, employee_eve, funded_acme, pass_space):
    pass_space.accepts_network_pass = False
    pass_space.save()
    booking = held(pass_space, employee_eve, next_weekday(MONDAY))

    refused_with(checkout(client_as("employee_eve"), booking), "policy_pass_not_accepted",
                 booking, funded_acme, 1000)


def test_weekly_allowance_counts_half_days(client_as, employee_eve, funded_acme, pass_space):
    set_policy(funded_acme, days_per_week=Decimal("1.5"))
    client = client_as("employee_eve")
    monday, tuesday, wednesday_date, *_ = week_in_one_month()
    assert checkout(client, held(pass_space, employee_eve, monday)).status_code == 200
    morning = held(pass_space, employee_eve, tuesday, part="morning")
    assert checkout(client, morning).status_code == 200

    wednesday = held(pass_space, employee_eve, wednesday_date, part="afternoon")
    message = refused_with(checkout(client, wednesday), "policy_weekly_allowance", wednesday,
                           funded_acme, 1000 - 100 - 50)
    assert "1.5" in message

    # The next week starts afresh.
    next_monday = monday + (next_weekday(MONDAY, weeks_ahead=2) - next_weekday(MONDAY))
    assert checkout(client, held(pass_space, employee_eve, next_monday)).status_code == 200


def test_monthly_allowance(client_as, employee_eve, funded_acme, pass_space):
    set_policy(funded_acme, days_per_month=Decimal("1"))
    client = client_as("employee_eve")
    first, same_month, *_ = week_in_one_month()
    assert checkout(client, held(pass_space, employee_eve, first)).status_code == 200
    booking = held(pass_space, employee_eve, same_month)

    refused_with(checkout(client, booking), "policy_monthly_allowance", booking, funded_acme,
                 900)


def test_an_empty_pool_is_refused_unless_overage_is_invoiced(client_as, employee_eve,
                                                             employer_acme, pass_space):
    booking = held(pass_space, employee_eve, next_weekday(MONDAY))
    client = client_as("employee_eve")

    answer = checkout(client, booking)
    assert answer.status_code == 409
    assert answer.json()["code"] == "bundle_exhausted"

    set_policy(employer_acme, invoice_overage=True)
    answer = checkout(client, booking)
    assert answer.status_code == 200, answer.content
    row = EmployerBooking.objects.get(booking=booking)
    assert (row.company_units, row.overage_units) == (100, 100)
    assert pool_units_available(employer_acme, now=booking.created_at) == 0


def test_co_payment_with_the_employees_credits(client_as, employee_eve, funded_acme,
                                               pass_space):
    set_policy(funded_acme, company_share_percent=70)
    credit_grant(user=employee_eve, units=100, scope="network", space=None,
                 valid_from=pass_space.created_at, expires_at=pass_space.created_at.replace(
                     year=pass_space.created_at.year + 1), source="purchase",
                 source_key="eve-own", vat_treatment="multi_purpose")
    booking = held(pass_space, employee_eve, next_weekday(MONDAY))
    client = client_as("employee_eve")

    no_method = checkout(client, booking)
    assert no_method.status_code == 400
    assert no_method.json()["code"] == "employee_share_method"

    answer = checkout(client, booking, employee_method="credits")
    assert answer.status_code == 200, answer.content
    assert (answer.json()["company_credits"], answer.json()["employee_credits"]) == ("0.70",
                                                                                      "0.30")
    assert pool_units_available(funded_acme, now=booking.created_at) == 930
    assert wallet_get(user=employee_eve, now=booking.created_at).total_units == 70


def test_a_booking_paid_by_the_employer_cannot_be_paid_again(client_as, employee_eve,
                                                             funded_acme, pass_space):
    booking = held(pass_space, employee_eve, next_weekday(MONDAY))
    client = client_as("employee_eve")
    assert checkout(client, booking).status_code == 200

    again = checkout(client, booking)
    personal = client.post(f"/api/v1/billing/bookings/{booking.pk}/checkout/",
                           {"method": "credits"}, format="json")

    assert again.json()["code"] == personal.json()["code"] == "booking_already_paid"
    assert CreditLedgerEntry.objects.filter(kind="spend").count() == 1


def test_cancelling_in_time_gives_the_credits_back_to_the_pool(client_as, employee_eve,
                                                               funded_acme, pass_space):
    booking = held(pass_space, employee_eve, next_weekday(MONDAY))
    client = client_as("employee_eve")
    checkout(client, booking)

    answer = client.post(f"/api/v1/bookings/{booking.pk}/cancel/")

    assert answer.status_code == 200, answer.content
    assert pool_units_available(funded_acme, now=booking.created_at) == 1000
    assert EmployerBooking.objects.get(booking=booking).status == "released"


def test_eligibility_says_why_before_paying(client_as, employee_eve, funded_acme, pass_space):
    set_policy(funded_acme, allowed_departments=["34"], company_share_percent=50,
               may_pay_personally=False)
    booking = held(pass_space, employee_eve, next_weekday(MONDAY))

    answer = client_as("employee_eve").get(
        f"/api/v1/me/employer/eligibility/?booking={booking.pk}").json()

    assert answer["eligible"] is False
    assert answer["code"] == "policy_department"
    assert answer["may_pay_personally"] is False
    assert answer["employee_share_amount"] == "9.00"
    assert answer["employee_share_credits"] == "0.50"


def test_eligibility_checks_the_pool_and_says_when_already_paid(
        client_as, employee_eve, employer_acme, pass_space):
    booking = held(pass_space, employee_eve, next_weekday(MONDAY))
    client = client_as("employee_eve")
    url = f"/api/v1/me/employer/eligibility/?booking={booking.pk}"

    empty = client.get(url).json()
    assert (empty["eligible"], empty["code"]) == (False, "bundle_exhausted")

    set_policy(employer_acme, invoice_overage=True)
    assert client.get(url).json()["eligible"] is True
    checkout(client, booking)
    paid = client.get(url).json()
    assert (paid["eligible"], paid["already_paid"]) == (False, True)
