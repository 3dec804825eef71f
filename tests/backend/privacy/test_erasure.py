"""« Supprimer mon compte » (GDPR art. 17; issue 14): personal data erased, legal records kept
under a pseudonym, refused with a reason while something is running, confirmed by mail (French
then English), nobody else's account, and the person logged out."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from ostal.accounts.models import CommuteDeclaration, User
from ostal.bookings.models import Booking
from ostal.calendars.models import CalendarFeed
from ostal.employers.models import Employment
from ostal.memberships.models import CreditLedgerEntry, CreditLot
from ostal.memberships.services.credits import credit_grant
from ostal.notifications.models import Notification
from ostal.privacy.erasure import account_erase
from ostal.privacy.services import PrivacyError
from tests.conftest import ROLES
from tests.factories import commune
from tests.factories.bookings import BookingFactory, paris
from tests.factories.calendars import CalendarFeedFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/erasure/"
PASSWORD = "un-mot-de-passe-solide"


@pytest.fixture
def eve(employee_eve):
    """Eve, employee of Acme, with a past booking, credits, a feed, a commute, a notice."""
    employee_eve.set_password(PASSWORD)
    employee_eve.save()
    EmailAddress.objects.create(user=employee_eve, email=employee_eve.email, verified=True,
                                primary=True)
    BookingFactory(member=employee_eve, start=paris(2026, 3, 2, 9))
    now = timezone.now()
    credit_grant(user=employee_eve, units=4, scope=CreditLot.Scope.NETWORK, space=None,
                 valid_from=now, expires_at=now + dt.timedelta(days=90),
                 source=CreditLot.Source.ADJUSTMENT, source_key="erasure-test",
                 vat_treatment=CreditLot.VatTreatment.MULTI_PURPOSE)
    CalendarFeedFactory(owner=employee_eve)
    CommuteDeclaration.objects.create(user=employee_eve, home_commune=commune("48095"),
                                      workplace_commune=commune("34172"))
    Notification.objects.create(user=employee_eve, kind="booking_confirmed",
                                send_after=now + dt.timedelta(days=1), dedupe_key="eve:1")
    return employee_eve


def _logged_in(user):
    client = APIClient()
    client.force_login(user)
    return client


def test_erasing_an_account_keeps_the_legal_records_under_a_pseudonym(
        eve, django_capture_on_commit_callbacks):
    client = _logged_in(eve)
    assert client.get(URL).json() == {"allowed": True, "refusals": [], "messages": []}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"password": PASSWORD}, format="json")

    assert response.status_code == 204, response.content
    eve.refresh_from_db()
    assert (eve.email, eve.first_name, eve.last_name, eve.is_active) == (
        f"compte-supprime-{eve.pk}@ostal.invalid", "", "", False)
    assert not eve.has_usable_password()
    assert not EmailAddress.objects.filter(user=eve).exists()
    assert not CommuteDeclaration.objects.filter(user=eve).exists()
    assert not CalendarFeed.objects.filter(owner=eve).exists()
    assert not Notification.objects.filter(user=eve).exists()
    # Kept: the booking made and the credit ledger, now under the pseudonym.
    assert Booking.objects.filter(member=eve).count() == 1
    assert CreditLedgerEntry.objects.filter(account__user=eve).count() == 1
    # The employer sees the person leave.
    employment = Employment.objects.get(user=eve)
    assert employment.status == Employment.Status.LEFT
    # Mailed, French then English, to the address the account had.
    [message] = mail.outbox
    assert message.to == ["eve@acme.example"]
    assert message.body.index("Votre compte Ostal est supprimé") < message.body.index(
        "Your Ostal account is deleted")
    # Logged out, and the old password no longer opens anything.
    assert client.get("/api/v1/me/").status_code in (401, 403)
    assert not APIClient().login(email="eve@acme.example", password=PASSWORD)


def test_a_wrong_password_is_a_400_on_the_field_and_erases_nothing(eve):
    response = _logged_in(eve).post(URL, {"password": "pas le bon"}, format="json")

    assert response.status_code == 400
    assert "password" in response.json()["fields"]
    eve.refresh_from_db()
    assert (eve.email, eve.is_active) == ("eve@acme.example", True)
    assert CommuteDeclaration.objects.filter(user=eve).exists()


def test_refused_with_its_reason_while_a_booking_is_upcoming(eve):
    BookingFactory(member=eve, start=timezone.now() + dt.timedelta(days=3))
    client = _logged_in(eve)

    assert client.get(URL).json()["refusals"] == ["erasure_upcoming_booking"]
    response = client.post(URL, {"password": PASSWORD}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "erasure_upcoming_booking"
    assert "annulez-la" in response.json()["message"]
    eve.refresh_from_db()
    assert eve.is_active
    assert CommuteDeclaration.objects.filter(user=eve).exists()
    assert not mail.outbox


def test_refused_while_the_person_holds_a_role(manager_cy):
    with pytest.raises(PrivacyError) as refused:
        account_erase(user=manager_cy)

    assert refused.value.code == "erasure_has_roles"
    assert User.objects.get(pk=manager_cy.pk).email == "cy@example.org"


def test_a_second_erasure_is_refused(eve):
    account_erase(user=eve)

    with pytest.raises(PrivacyError) as refused:
        account_erase(user=User.objects.get(pk=eve.pk))
    assert refused.value.code == "erasure_done"


@pytest.mark.parametrize("role", ROLES)
def test_only_oneself_can_be_erased(client_as, role, member_ada):
    client = client_as(role)
    before = list(User.objects.order_by("pk").values_list("pk", "email", "is_active"))

    response = client.post(URL, {"password": "x"}, format="json")

    # Nobody names someone else's account: the anonymous are refused, everyone else is
    # asked for their own password (and a wrong one changes nothing).
    assert response.status_code == (403 if role == "anonymous" else 400)
    assert list(User.objects.order_by("pk").values_list("pk", "email", "is_active")) == before
