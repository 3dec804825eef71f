"""The privacy pages: the public register (/confidentialite, French then English), and a
member deleting their account from « Mes données » — refused first with the reason (an upcoming
booking), then, once cancelled, erased with their password: logged out, mailed, and unable to
log in again. Every page: axe, no serious violation."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from ostal.accounts.models import User
from ostal.bookings.models import Booking
from tests.browser.axe import assert_accessible
from tests.browser.conftest import PASSWORD, log_in
from tests.factories.bookings import BookingFactory

pytestmark = pytest.mark.browser


def test_the_privacy_page_states_the_register_in_french_and_english(page: Page,
                                                                    demo_site: str):
    page.goto(demo_site + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="Confidentialité").click()
    expect(page.get_by_role("heading", name="Confidentialité et données personnelles",
                            level=1)).to_be_visible()
    register = page.get_by_role("table", name="Registre des traitements")
    expect(register.get_by_role("rowheader", name="Journal des modifications")).to_be_visible()
    expect(register).to_contain_text("10 ans")
    assert_accessible(page)

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Privacy and personal data", level=1)).to_be_visible()
    expect(page.get_by_role("table", name="Register of processing")).to_contain_text(
        "legal obligation")
    assert_accessible(page)


def test_a_member_deletes_their_account(page: Page, demo_site: str, make_member):
    lea = make_member("lea@example.org")
    upcoming = BookingFactory(member=lea, start=timezone.now() + dt.timedelta(days=2))

    log_in(page, demo_site, lea.email)
    page.goto(demo_site + "/compte/donnees")
    section = page.get_by_role("region", name="Supprimer mon compte")
    expect(section.get_by_role("alert")).to_contain_text("Vous avez une réservation à venir")
    expect(section.get_by_label("Votre mot de passe, pour confirmer")).to_have_count(0)
    assert_accessible(page)

    Booking.objects.filter(pk=upcoming.pk).update(status=Booking.Status.CANCELLED)
    page.reload()
    section = page.get_by_role("region", name="Supprimer mon compte")
    section.get_by_label("Votre mot de passe, pour confirmer").fill("pas le bon")
    section.get_by_label("Je comprends que c\u2019est définitif").check()
    section.get_by_role("button", name="Supprimer définitivement mon compte").click()
    expect(section.get_by_text("Mot de passe incorrect.")).to_be_visible()
    assert User.objects.get(pk=lea.pk).is_active
    assert_accessible(page)

    section.get_by_label("Votre mot de passe, pour confirmer").fill(PASSWORD)
    section.get_by_role("button", name="Supprimer définitivement mon compte").click()
    expect(page.get_by_text("Votre compte est supprimé.")).to_be_visible()
    erased = User.objects.get(pk=lea.pk)
    assert (erased.email, erased.is_active) == (f"compte-supprime-{lea.pk}@ostal.invalid", False)
    assert [m.to for m in mail.outbox if "supprimé" in m.subject] == [["lea@example.org"]]
    assert_accessible(page)

    page.goto(demo_site + "/connexion")
    page.get_by_label("Adresse e-mail").fill("lea@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("alert")).to_be_visible()
