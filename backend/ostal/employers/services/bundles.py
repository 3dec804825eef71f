"""Buying network credits for the staff (the bundle), and the month-end invoice of credits
used beyond it.

Network credits are multi-purpose vouchers (docs/billing-model.md): the network sells them
without VAT, VAT is accounted when a place redeems them. A bundle is one lot on the
employer's credit account, granted when the card payment succeeds, or at once for an order
on invoice (public buyers commit with a purchase order; the network marks the transfer
received)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from ostal.accounts.models import User
from ostal.billing.invoicing.issue import LineInput, invoice_identifiers_check, invoice_issue
from ostal.billing.models import Invoice, Payment
from ostal.billing.services.customers import customer_get_or_create, payment_method_ensure_owned
from ostal.billing.services.payments import PaymentStarted, payment_create, payment_start
from ostal.billing.vat import VAT_MULTI_PURPOSE_VOUCHER, network_seller
from ostal.core.money import quantize
from ostal.employers.errors import EmployerError, EmployerErrorCode
from ostal.employers.models import BundleOrder, Employer, EmployerBooking
from ostal.memberships.models import CreditLot, Plan, units_to_credits
from ostal.memberships.services.credits import credit_grant
from ostal.memberships.services.plans import plan_ensure_available

BUNDLE_PLAN_KINDS = (Plan.Kind.NETWORK_CARNET,)


def employer_identity(employer: Employer, *, purchase_order: str = "",
                      service_code: str | None = None) -> tuple[dict[str, Any], bool]:
    """The buyer block of the employer's invoices (a business buyer: late-payment mentions and
    Factur-X follow). A public buyer's Chorus Pro service code (BT-10: the order's, else the
    employer's) and engagement number (BT-13: the purchase order) travel in the e-invoice,
    which goes to the platform as B2G."""
    address = ", ".join(filter(None, [employer.address_line1, employer.address_line2,
                                      f"{employer.postal_code} {employer.city}".strip()]))
    return {"name": employer.legal_name, "email": employer.invoice_email, "address": address,
            "address_line1": employer.address_line1, "address_line2": employer.address_line2,
            "postal_code": employer.postal_code, "city": employer.city, "country": "FR",
            "siret": employer.siret, "siren": employer.siret[:9],
            "vat_number": employer.vat_number, "purchase_order": purchase_order,
            "engagement_number": purchase_order if employer.is_public_body else "",
            "service_code": (employer.chorus_service_code if service_code is None
                             else service_code),
            "public_buyer": employer.is_public_body}, True


def transfer_terms(*, due: dt.date) -> str:
    return (f"Payable par virement avant le {due:%d/%m/%Y} "
            f"(IBAN {settings.NETWORK_IBAN}), en rappelant le numéro de facture.")


def _description(plan: Plan, quantity: int) -> str:
    credits = units_to_credits(plan.credit_units or 0)
    return (f"{plan.name} — {credits} crédits Pass télétravail, "
            f"valables {plan.validity_days} jours")[:200]


def chorus_references_check(*, employer: Employer, purchase_order: str,
                            service_code: str) -> None:
    """Refuse an order whose invoice Chorus Pro would reject: a public employer (or one whose
    structure requires it) without its engagement number / purchase order, or without the
    service code its structure requires. 400 with the field to fill."""
    if ((employer.is_public_body or employer.chorus_engagement_required)
            and not purchase_order.strip()):
        raise EmployerError(EmployerErrorCode.PURCHASE_ORDER_REQUIRED, fields={
            "purchase_order": ["Référence obligatoire pour un employeur public. / "
                               "Required for a public employer."]})
    if employer.chorus_service_code_required and not service_code.strip():
        raise EmployerError(EmployerErrorCode.SERVICE_CODE_REQUIRED, fields={
            "service_code": ["Code service Chorus Pro obligatoire. / "
                             "Chorus Pro service code required."]})


def _order_create(*, employer: Employer, actor: User, plan: Plan, quantity: int, method: str,
                  purchase_order: str, service_code: str = "") -> BundleOrder:
    if plan.kind not in BUNDLE_PLAN_KINDS:
        raise EmployerError(EmployerErrorCode.PLAN_NOT_A_BUNDLE, fields={"plan": [
            "Choisissez un carnet Pass télétravail. / Choose a Pass télétravail carnet."]})
    plan_ensure_available(plan, recurring=False)
    service_code = service_code.strip() or employer.chorus_service_code
    chorus_references_check(employer=employer, purchase_order=purchase_order,
                            service_code=service_code)
    buyer, is_business = employer_identity(employer, purchase_order=purchase_order,
                                           service_code=service_code)
    invoice_identifiers_check(seller=network_seller().snapshot(), buyer=buyer,
                              is_business=is_business,
                              categories={VAT_MULTI_PURPOSE_VOUCHER.category})
    return BundleOrder.objects.create(
        employer=employer, ordered_by=actor, plan=plan, quantity=quantity,
        amount=quantize(plan.price * quantity, plan.currency), currency=plan.currency,
        method=method, purchase_order=purchase_order.strip(), service_code=service_code)


def _grant(order: BundleOrder, *, source_key: str, now: dt.datetime) -> CreditLot:
    plan = order.plan
    return credit_grant(
        user=None, account=order.employer.credit_account, units=order.credit_units,
        scope=CreditLot.Scope.NETWORK, space=None, valid_from=now,
        expires_at=now + dt.timedelta(days=plan.validity_days), source=CreditLot.Source.PURCHASE,
        source_key=source_key, vat_treatment=CreditLot.VatTreatment.MULTI_PURPOSE, plan=plan,
        value=order.amount, currency=order.currency)


def bundle_order_card(*, employer: Employer, actor: User, plan: Plan, quantity: int = 1,
                      purchase_order: str = "", service_code: str = "",
                      payment_method: str = "",
                      save_card: bool = False) -> tuple[BundleOrder, PaymentStarted]:
    """Order by card: the admin pays now (3-D Secure in the browser if asked); credits and
    the invoice follow the payment's success (`bundle_order_paid`)."""
    if payment_method:
        customer = payment_method_ensure_owned(user=actor, payment_method_id=payment_method)
    else:
        customer = customer_get_or_create(user=actor)
    with transaction.atomic():
        order = _order_create(employer=employer, actor=actor, plan=plan, quantity=quantity,
                              method=BundleOrder.Method.CARD, purchase_order=purchase_order,
                              service_code=service_code)
        payment = payment_create(
            payer=actor, purpose=Payment.Purpose.EMPLOYER_BUNDLE, amount=order.amount,
            currency=order.currency, seller_operator=None, plan=plan, save_card=save_card,
            description=f"{employer.name} : {quantity} x {_description(plan, quantity)}")
        order.payment_reference = payment.reference
        order.save(update_fields=["payment_reference", "updated_at"])
    started = payment_start(payment=payment, customer=customer, payment_method=payment_method)
    order.refresh_from_db()  # paid already when a saved card went through
    return order, started


def _issue_invoice(order: BundleOrder, *, source_key: str, now: dt.datetime,
                   payment: Payment | None = None, paid_at: dt.datetime | None = None,
                   terms: str = "") -> Invoice:
    return invoice_issue(
        seller=network_seller(), buyer=order.ordered_by, source_key=source_key,
        service_date=timezone.localdate(now), currency=order.currency, payment=payment,
        paid_at=paid_at, payment_terms=terms, now=now,
        buyer_identity=employer_identity(order.employer, purchase_order=order.purchase_order,
                                         service_code=order.service_code),
        lines=[LineInput(_description(order.plan, order.quantity), Decimal(order.quantity),
                         order.plan.price, VAT_MULTI_PURPOSE_VOUCHER)])


def bundle_order_paid(*, payment: Payment, paid_at: dt.datetime) -> BundleOrder:
    """The card payment of an order succeeded (called once per payment by billing's
    fulfilment; idempotent anyway): credits to the pool, invoice to the employer."""
    with transaction.atomic():
        order = (BundleOrder.objects.select_for_update().select_related("employer", "plan")
                 .get(payment_reference=payment.reference))
        source_key = f"payment:{payment.reference}"
        _grant(order, source_key=source_key, now=paid_at)
        _issue_invoice(order, source_key=source_key, now=paid_at, payment=payment,
                       paid_at=paid_at)
        if order.status != BundleOrder.Status.PAID:
            order.status, order.paid_at = BundleOrder.Status.PAID, paid_at
            order.save(update_fields=["status", "paid_at", "updated_at"])
    return order


def bundle_order_on_invoice(*, employer: Employer, actor: User, plan: Plan, quantity: int = 1,
                            purchase_order: str = "", service_code: str = "",
                            now: dt.datetime | None = None) -> BundleOrder:
    """Order on invoice: credits are granted at once, the invoice is payable by transfer."""
    now = now or timezone.now()
    with transaction.atomic():
        order = _order_create(employer=employer, actor=actor, plan=plan, quantity=quantity,
                              method=BundleOrder.Method.TRANSFER, purchase_order=purchase_order,
                              service_code=service_code)
        source_key = f"bundle-order:{order.reference}"
        _grant(order, source_key=source_key, now=now)
        due = timezone.localdate(now) + dt.timedelta(days=settings.EMPLOYERS_TRANSFER_DAYS)
        _issue_invoice(order, source_key=source_key, now=now, terms=transfer_terms(due=due))
        order.status = BundleOrder.Status.GRANTED
        order.save(update_fields=["status", "updated_at"])
    return order


def bundle_order_mark_paid(*, order: BundleOrder, now: dt.datetime | None = None
                           ) -> BundleOrder:
    """The network received the transfer (network admin)."""
    with transaction.atomic():
        order = BundleOrder.objects.select_for_update().get(pk=order.pk)
        if order.method != BundleOrder.Method.TRANSFER or order.status != (
                BundleOrder.Status.GRANTED):
            raise EmployerError(EmployerErrorCode.ORDER_NOT_AWAITING_TRANSFER)
        order.status, order.paid_at = BundleOrder.Status.PAID, now or timezone.now()
        order.save(update_fields=["status", "paid_at", "updated_at"])
    return order


# --- month-end overage invoice ------------------------------------------------------------------

def overage_invoice_issue(*, employer: Employer, month: dt.date, now: dt.datetime | None = None
                          ) -> Invoice | None:
    """One invoice per employer and month for the credits its staff used beyond the bundle
    (policy "invoice the overage"), one line per cost centre. Idempotent per month; None when
    there was no overage."""
    first = month.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    rows = (EmployerBooking.objects
            .filter(employer=employer, local_date__range=(first, last), overage_units__gt=0)
            .values("cost_centre__name").annotate(units=Sum("overage_units"))
            .order_by("cost_centre__name"))
    lines = [LineInput(
        f"Crédits Pass télétravail utilisés au-delà du forfait, {first:%m/%Y} — "
        f"{row['cost_centre__name'] or 'sans centre de coûts'}",
        units_to_credits(row["units"]), settings.EMPLOYERS_OVERAGE_CREDIT_PRICE,
        VAT_MULTI_PURPOSE_VOUCHER) for row in rows]
    if not lines:
        return None
    now = now or timezone.now()
    admin = employer.admins.order_by("id").first()
    assert admin is not None  # an employer keeps at least one admin
    due = timezone.localdate(now) + dt.timedelta(days=settings.EMPLOYERS_TRANSFER_DAYS)
    return invoice_issue(
        seller=network_seller(), buyer=admin, lines=lines,
        source_key=f"employer-overage:{employer.pk}:{first:%Y-%m}", service_date=last,
        buyer_identity=employer_identity(employer), payment_terms=transfer_terms(due=due),
        now=now)


def overage_invoices_for_month(*, month: dt.date, now: dt.datetime | None = None) -> int:
    """Month-end run (worker): issue every employer's overage invoice for `month`."""
    employers = Employer.objects.filter(
        bookings__overage_units__gt=0, bookings__local_date__year=month.year,
        bookings__local_date__month=month.month).distinct()
    return sum(1 for employer in employers
               if overage_invoice_issue(employer=employer, month=month, now=now) is not None)
