"""Demo employer: a company with an admin, an employee, a funded bundle and a policy, so
`make demo` shows the employer's side and an employee booking on the company's credits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from ostal.accounts.models import User
from ostal.employers.models import Employment
from ostal.employers.services.bundles import bundle_order_on_invoice
from ostal.employers.services.employers import cost_centre_save, employer_create, policy_save
from ostal.memberships.models import Plan
from ostal.spaces.demo import DEMO_PASSWORD, mark_verified

DEMO_EMPLOYER_ACCOUNTS = {
    "employer": "employeur@ostal.demo",
    "employee": "salarie@ostal.demo",
}


@transaction.atomic
def demo_employer_create(*, now: dt.datetime | None = None) -> dict[str, int]:
    """"Garrigue Logiciels": 3 telework days a week on desks, paid 100% from a 20-credit
    bundle ordered on invoice (at `now`: the start of the demo's past, when it has one); its
    employee Léo is already on board."""
    admin = User.objects.create_user(DEMO_EMPLOYER_ACCOUNTS["employer"], DEMO_PASSWORD,
                                     first_name="Hélène", last_name="RH")
    employee = User.objects.create_user(DEMO_EMPLOYER_ACCOUNTS["employee"], DEMO_PASSWORD,
                                        first_name="Léo", last_name="Salarié")
    mark_verified([admin, employee])
    employer = employer_create(actor=admin, data={
        "name": "Garrigue Logiciels", "legal_name": "GARRIGUE LOGICIELS SAS",
        "siret": "73282932000074", "vat_number": "FR44732829320",
        "address_line1": "12 rue de l'Aiguillerie", "postal_code": "34000",
        "city": "Montpellier", "invoice_email": "compta@garrigue.demo",
        "email_domain": "ostal.demo"})
    centre = cost_centre_save(employer=employer, name="Développement", code="DEV")
    policy_save(employer=employer, data={"days_per_week": Decimal("3"),
                                         "allowed_resource_kinds": ["desk"]})
    Employment.objects.create(employer=employer, user=employee, email=employee.email,
                              cost_centre=centre, status=Employment.Status.ACTIVE)
    carnet = Plan.objects.filter(kind=Plan.Kind.NETWORK_CARNET, is_active=True).first()
    if carnet is not None:
        bundle_order_on_invoice(employer=employer, actor=admin, plan=carnet, quantity=2,
                                purchase_order="DEMO-2026-001", now=now)
    return {"employers": 1, "employees": 1}
