"""The network creates an operator (SIRET and VAT checked on their fields) and invites its
first manager; the invited person opens the e-mailed link, logs in with the invited address
and accepts; they then invite a co-manager from their team page. Every page: axe, no
serious violation. The database follows every step."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from ostal.spaces.models import Operator
from ostal.teams.models import TeamInvitation
from tests.browser.axe import assert_accessible
from tests.browser.conftest import PASSWORD, log_in

pytestmark = pytest.mark.browser


def test_the_network_creates_an_operator_and_its_manager_joins_by_invitation(
        page: Page, browser, demo_site: str, make_member, no_task_broker):
    nina = make_member("nina@reseau.example", first_name="Nina", last_name="Réseau")
    nina.is_network_admin = True
    nina.save(update_fields=["is_network_admin"])
    lou = make_member("lou@haut-allier.example", first_name="Lou", last_name="Gestion")

    log_in(page, demo_site, nina.email)
    page.get_by_role("link", name="Structures").click()
    expect(page.get_by_role("heading", name="Structures du réseau", level=1)).to_be_visible()
    page.get_by_role("button", name="Nouvelle structure").click()
    form = page.get_by_role("form", name="Créer la structure")
    form.get_by_label("Nom *").fill("Communauté de communes du Haut-Allier")
    form.get_by_label("Forme juridique *").select_option("intercommunality")
    form.get_by_role("radio", name="Public").check()
    form.get_by_label("SIRET").fill("552 032 534 00647")  # wrong check digit
    form.get_by_label("Régime de TVA").select_option("public_body")
    assert_accessible(page)
    form.get_by_role("button", name="Créer la structure").click()
    expect(form.get_by_text("Numéro SIRET invalide")).to_be_visible()
    expect(form.get_by_label("SIRET")).to_have_attribute("aria-invalid", "true")
    assert not Operator.objects.filter(name__contains="Haut-Allier").exists()
    assert_accessible(page)

    form.get_by_label("SIRET").fill("55203253400646")
    form.get_by_role("button", name="Créer la structure").click()
    expect(page.get_by_role("heading", name="Communauté de communes du Haut-Allier",
                            level=1)).to_be_visible()
    operator = Operator.objects.get(name="Communauté de communes du Haut-Allier")
    assert (operator.legal_form, operator.carrier_kind, operator.siret) == (
        "intercommunality", "public", "55203253400646")

    # Its first manager is invited, never added.
    page.get_by_role("link", name=re.compile(r"Équipe \(0 gestionnaire")).click()
    expect(page.get_by_role("heading", name=f"Équipe de {operator.name}")).to_be_visible()
    invite = page.get_by_role("form", name="Inviter une personne")
    invite.get_by_label("Adresse e-mail").fill(lou.email)
    invite.get_by_role("button", name="Envoyer l\u2019invitation").click()
    expect(page.get_by_text(f"Invitation envoyée à {lou.email}", exact=False)).to_be_visible()
    expect(page.get_by_role("rowheader", name=lou.email)).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text("Lou Gestion")
    assert not operator.managers.filter(pk=lou.pk).exists()
    assert_accessible(page)
    [message] = [m for m in mail.outbox if lou.email in m.to]
    link = re.search(r"/invitation-equipe/[\w-]+", message.body)
    assert link, message.body

    # Lou, in their own browser, opens the link, logs in and accepts.
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    lou_page = context.new_page()
    lou_page.goto(demo_site + link.group(0))
    expect(lou_page.get_by_text(f"{operator.name} vous invite à rejoindre son équipe",
                                exact=False)).to_be_visible()
    assert_accessible(lou_page)
    lou_page.get_by_role("main").get_by_role("link", name="Se connecter").click()
    lou_page.get_by_label("Adresse e-mail").fill(lou.email)
    lou_page.get_by_label("Mot de passe").fill(PASSWORD)
    lou_page.get_by_role("button", name="Se connecter").click()
    lou_page.get_by_role("button", name="Accepter l\u2019invitation").click()
    expect(lou_page.get_by_text(f"C\u2019est fait : vous faites partie de l\u2019équipe de "
                                f"{operator.name}.")).to_be_visible()
    assert operator.managers.filter(pk=lou.pk).exists()
    assert TeamInvitation.objects.get(operator=operator).accepted_by == lou

    # Now a manager, Lou invites a co-manager from the team page.
    lou_page.get_by_role("link", name="Équipe", exact=True).click()
    expect(lou_page.get_by_role("heading", name=f"Équipe de {operator.name}")).to_be_visible()
    expect(lou_page.get_by_role("rowheader", name=re.compile("Lou Gestion"))).to_be_visible()
    co_invite = lou_page.get_by_role("form", name="Inviter une personne")
    co_invite.get_by_label("Adresse e-mail").fill("co@haut-allier.example")
    co_invite.get_by_role("button", name="Envoyer l\u2019invitation").click()
    expect(lou_page.get_by_role("rowheader", name="co@haut-allier.example")).to_be_visible()
    assert_accessible(lou_page)
    context.close()
    assert TeamInvitation.objects.filter(operator=operator, email="co@haut-allier.example",
                                         invited_by=lou).exists()
