"""Monthly settlements (reversements): what the network collected on behalf of each operator,
and what it owes it (docs/billing-model.md §3 and §5).

A statement for (operator, month) has one line per fact, each tax included and split with the
VAT treatment of the seller the billing model names:

- `booking_payment` / `plan_sale`: card payments collected for the operator (its places'
  bookings, carnets and plans), on the day they succeeded — the operator is the seller, so its
  own VAT status applies;
- `refund` / `dispute_lost`: money given back on those payments (negative);
- `redemption` / `redemption_release`: network credits (multi-purpose vouchers) spent on
  bookings at the operator's places, or given back on a cancellation (negative), valued at the
  tariff grid: credit units / 100 x NETWORK_CREDIT_VALUE; VAT is accounted at redemption by the
  operator, with its own status;
- `commission`: the network's commission, NETWORK_COMMISSION_PERCENT of the sum of the lines
  above (tax included), plus VAT at the network's own status (a service the network sells to
  the operator); negative.

`amount_due` = sum of the lines. Dates are in the legal time zone (Europe/Paris).

Determinism: the lines are a pure function of the database (ordered by date, then source key;
adjustments after, by month; commission last); the PDF is written with reportlab's invariant
mode and the CSV with fixed formatting, so recomputing a draft gives the same bytes
(`content_hash`, the SHA-256 of the CSV, shows it). A draft is recomputed daily until closed;
a closed statement never changes. Anything dated in a closed month that was not on its
statement (a refund recorded late, a repair by reconciliation) is picked up as an
`adjustment_of` line on the next statement generated for that operator.

Locks: each statement is computed in one transaction holding its Settlement row lock (SELECT
... FOR UPDATE), so two runs at once write it once; closing takes the same lock.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ostal.billing.invoicing.issue import LEGAL_TIMEZONE
from ostal.billing.models import Dispute, Payment, Refund, Settlement, SettlementLine
from ostal.billing.vat import network_seller, vat_treatment_for_status
from ostal.bookings.models import Booking
from ostal.core.money import quantize, vat_split_from_gross, vat_split_from_net
from ostal.memberships.models import CREDIT_UNITS_PER_CREDIT, CreditLedgerEntry, CreditLot
from ostal.spaces.models import Operator

ZERO = Decimal("0.00")
ADJUSTMENT_MONTHS = 24  # how far back late lines are looked for


class SettlementError(Exception):
    """A settlement operation refused (closing out of order...)."""


@dataclass(frozen=True)
class Line:
    kind: str
    source_key: str
    occurred_at: dt.datetime
    description: str
    gross: Decimal
    vat_rate: Decimal
    net: Decimal
    vat: Decimal
    credits: Decimal | None = None
    adjustment_of: str = ""


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    """[first instant, first instant of the next month) in the legal time zone."""
    start = dt.datetime(year, month, 1, tzinfo=LEGAL_TIMEZONE)
    following = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=LEGAL_TIMEZONE)
    return start, following


def previous_month(now: dt.datetime) -> tuple[int, int]:
    local = timezone.localtime(now, LEGAL_TIMEZONE).date().replace(day=1) - dt.timedelta(days=1)
    return local.year, local.month


def _line(kind: str, key: str, at: dt.datetime, description: str, gross: Decimal,
          rate: Decimal, credits: Decimal | None = None) -> Line:
    split = vat_split_from_gross(gross, rate)
    return Line(kind=kind, source_key=key, occurred_at=at, description=description[:300],
                gross=split.gross, vat_rate=rate, net=split.net, vat=split.vat, credits=credits)


def _facts(operator: Operator, start: dt.datetime, end: dt.datetime) -> list[Line]:
    """Every fact of [start, end) for the operator, ordered (date, source key)."""
    rate = vat_treatment_for_status(operator.vat_status).rate
    lines: list[Line] = []
    payments = Payment.objects.filter(seller_operator=operator, succeeded_at__gte=start,
                                      succeeded_at__lt=end, status__in=Payment.PAID_STATUSES)
    for payment in payments:
        assert payment.succeeded_at is not None
        kind = "booking_payment" if payment.purpose == Payment.Purpose.BOOKING else "plan_sale"
        lines.append(_line(kind, f"payment:{payment.reference}", payment.succeeded_at,
                           payment.description, payment.amount, rate))
    refunds = Refund.objects.filter(payment__seller_operator=operator,
                                    status=Refund.Status.SUCCEEDED, succeeded_at__gte=start,
                                    succeeded_at__lt=end).select_related("payment")
    for refund in refunds:
        assert refund.succeeded_at is not None
        lines.append(_line("refund", f"refund:{refund.reference}", refund.succeeded_at,
                           f"Remboursement — {refund.payment.description}", -refund.amount,
                           rate))
    disputes = Dispute.objects.filter(payment__seller_operator=operator, status="lost",
                                      closed_at__gte=start, closed_at__lt=end
                                      ).select_related("payment")
    for dispute in disputes:
        assert dispute.closed_at is not None
        lines.append(_line("dispute_lost", f"dispute:{dispute.stripe_id}", dispute.closed_at,
                           f"Contestation perdue — {dispute.payment.description}",
                           -dispute.amount, rate))
    entries = list(CreditLedgerEntry.objects.filter(
        kind__in=[CreditLedgerEntry.Kind.SPEND, CreditLedgerEntry.Kind.RELEASE],
        lot__scope=CreditLot.Scope.NETWORK, reason_type="booking", created_at__gte=start,
        created_at__lt=end).order_by("created_at", "id"))
    bookings = {str(b.reference): b for b in Booking.objects.filter(
        reference__in={e.reason_id for e in entries}, space__operator=operator
    ).select_related("space")}
    value = settings.NETWORK_CREDIT_VALUE
    for entry in entries:
        booking = bookings.get(entry.reason_id)
        if booking is None:
            continue
        credits = Decimal(-entry.delta) / CREDIT_UNITS_PER_CREDIT
        kind = "redemption" if entry.kind == CreditLedgerEntry.Kind.SPEND else "redemption_release"
        label = "Crédits réseau utilisés" if kind == "redemption" else "Crédits réseau rendus"
        lines.append(_line(kind, f"credit:{entry.pk}", entry.created_at,
                           f"{label} — {booking.space.name}, {booking.local_date:%d/%m/%Y}",
                           quantize(credits * value), rate, credits=credits))
    return sorted(lines, key=lambda line: (line.occurred_at, line.source_key))


def _late_lines(operator: Operator, year: int, month: int) -> list[Line]:
    """Facts dated in an earlier, closed month of this operator that no closed statement
    counted: they become adjustment lines (marked with their month)."""
    closed = list(Settlement.objects.filter(operator=operator, status=Settlement.Status.CLOSED)
                  .filter(year__lte=year).order_by("-year", "-month")[:ADJUSTMENT_MONTHS])
    counted = set(SettlementLine.objects.filter(
        settlement__operator=operator, settlement__status=Settlement.Status.CLOSED
    ).values_list("source_key", flat=True))
    late: list[Line] = []
    for statement in sorted(closed, key=lambda s: (s.year, s.month)):
        if (statement.year, statement.month) >= (year, month):
            continue
        start, end = month_bounds(statement.year, statement.month)
        for line in _facts(operator, start, end):
            if line.source_key not in counted:
                late.append(replace(line, adjustment_of=f"{statement.year}-"
                                                        f"{statement.month:02d}"))
    return late


def _commission(base: Decimal, at: dt.datetime) -> Line:
    rate = settings.NETWORK_COMMISSION_PERCENT / Decimal(100)
    network_vat = network_seller().vat.rate
    split = vat_split_from_net(quantize(base * rate), network_vat)
    percent = f"{settings.NETWORK_COMMISSION_PERCENT.normalize():f}".replace(".", ",")
    return Line(kind="commission", source_key="commission", occurred_at=at,
                description=f"Commission du réseau ({percent} %)", gross=ZERO - split.gross,
                vat_rate=network_vat, net=ZERO - split.net, vat=ZERO - split.vat)


def settlement_lines(operator: Operator, year: int, month: int) -> list[Line]:
    """The statement's lines, in their final order (pure function of the database)."""
    start, end = month_bounds(year, month)
    lines = _facts(operator, start, end) + _late_lines(operator, year, month)
    if not lines:
        return []
    base = sum((line.gross for line in lines), ZERO)
    return [*lines, _commission(base, end - dt.timedelta(microseconds=1))]


# --- Documents -------------------------------------------------------------------------------

CSV_COLUMNS = ("operator", "period", "position", "date", "kind", "source", "description",
               "adjustment_of", "credits", "net", "vat_rate", "vat", "gross", "currency")


def render_csv(settlement: Settlement, lines: list[Line]) -> bytes:
    """One row per line; decimal point, amounts with 2 decimals, a currency column (see
    docs/billing-model.md: a machine-readable export, not a French-locale spreadsheet)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    period = f"{settlement.year}-{settlement.month:02d}"
    for position, line in enumerate(lines, start=1):
        local = timezone.localtime(line.occurred_at, LEGAL_TIMEZONE)
        writer.writerow([settlement.operator.name, period, position, local.date().isoformat(),
                         line.kind, line.source_key, line.description, line.adjustment_of,
                         "" if line.credits is None else f"{line.credits:.2f}", f"{line.net:.2f}",
                         f"{line.vat_rate:.4f}", f"{line.vat:.2f}", f"{line.gross:.2f}",
                         settlement.currency])
    return out.getvalue().encode("utf-8")


def render_pdf(settlement: Settlement, lines: list[Line], totals: dict[str, Any]) -> bytes:
    """The statement as a PDF (reportlab, invariant mode: same content, same bytes)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from ostal.billing.invoicing.pdf import _eur, _register_fonts, _Writer

    _register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True, pageCompression=1)
    period = f"{settlement.month:02d}/{settlement.year}"
    canvas.setTitle(f"Relevé de reversement {period} — {settlement.operator.name}")
    canvas.setAuthor(settings.NETWORK_LEGAL_NAME)
    write = _Writer(canvas)
    currency = settlement.currency
    write.line(f"Relevé de reversement — {period}", size=15, bold=True, gap=7 * mm)
    write.line(f"{settlement.operator.name} — statut TVA : "
               f"{settlement.operator.get_vat_status_display()}")
    write.line(f"Établi par {settings.NETWORK_LEGAL_NAME}, pour les sommes encaissées pour le "
               f"compte de la structure.", size=8)
    write.line("Statut : " + ("clos" if settlement.status == Settlement.Status.CLOSED
                              else "brouillon (recalculé jusqu'à la clôture)"), size=8)
    write.y -= 3 * mm
    write.row([(20, "Date"), (38, "Opération"), (-150, "HT"), (-168, "TVA"), (-192, "TTC")],
              bold=True)
    for line in lines:
        local = timezone.localtime(line.occurred_at, LEGAL_TIMEZONE)
        label = line.description + (f" (ajustement {line.adjustment_of})"
                                    if line.adjustment_of else "")
        write.row([(20, f"{local:%d/%m}"), (38, label[:70]), (-150, _eur(line.net, currency)),
                   (-168, _eur(line.vat, currency)), (-192, _eur(line.gross, currency))])
    write.y -= 3 * mm
    for label, key in (("Encaissements (nets des remboursements)", "collected"),
                       ("Crédits réseau utilisés (valeur grille)", "redemptions"),
                       ("Commission du réseau TTC", "commission_gross")):
        write.row([(90, label), (-192, _eur(Decimal(totals[key]), currency))])
    write.row([(90, "Montant dû à la structure"),
               (-192, _eur(Decimal(totals["amount_due"]), currency))], bold=True)
    write.y -= 3 * mm
    write.wrapped("Les crédits réseau (bons à usages multiples) sont valorisés à la grille "
                  "tarifaire du réseau ; la TVA correspondante est due par la structure lors de "
                  "leur utilisation, selon son statut. Montants en euros, TTC sauf mention.")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _totals(lines: list[Line]) -> dict[str, Any]:
    def total(*kinds: str) -> Decimal:
        return sum((line.gross for line in lines if line.kind in kinds), ZERO)

    commission = next((line for line in lines if line.kind == "commission"), None)
    return {
        "collected": str(total("booking_payment", "plan_sale", "refund", "dispute_lost")),
        "redemptions": str(total("redemption", "redemption_release")),
        "commission_net": str(ZERO - commission.net if commission else ZERO),
        "commission_vat": str(ZERO - commission.vat if commission else ZERO),
        "commission_gross": str(ZERO - commission.gross if commission else ZERO),
        "amount_due": str(sum((line.gross for line in lines), ZERO)),
        "vat_by_rate": {f"{rate:.4f}": str(sum((line.vat for line in lines
                                                if line.vat_rate == rate and
                                                line.kind != "commission"), ZERO))
                        for rate in sorted({line.vat_rate for line in lines})},
        "lines": len(lines),
        "adjustments": sum(1 for line in lines if line.adjustment_of),
    }


def _write_files(settlement: Settlement, lines: list[Line], totals: dict[str, Any]) -> None:
    name = f"{settlement.year}/{settlement.operator_id}-{settlement.year}-{settlement.month:02d}"
    for field_name, content in (("csv", render_csv(settlement, lines)),
                                ("pdf", render_pdf(settlement, lines, totals))):
        field = getattr(settlement, field_name)
        if field:
            field.delete(save=False)
        field.save(f"{name}.{field_name}", ContentFile(content), save=False)


# --- Services --------------------------------------------------------------------------------

def settlement_generate(*, operator: Operator, year: int, month: int,
                        now: dt.datetime | None = None) -> Settlement | None:
    """Compute (or recompute) the draft statement of `operator` for `month`; a closed one is
    returned unchanged. None (nothing written) when there is nothing to state and no
    statement exists yet. Idempotent and deterministic (see the module docstring)."""
    now = now or timezone.now()
    lines = settlement_lines(operator, year, month)
    if not lines and not Settlement.objects.filter(operator=operator, year=year,
                                                   month=month).exists():
        return None
    with transaction.atomic():
        Settlement.objects.get_or_create(operator=operator, year=year, month=month,
                                         defaults={"currency": settings.SETTLEMENT_CURRENCY})
        settlement = (Settlement.objects.select_for_update().select_related("operator")
                      .get(operator=operator, year=year, month=month))
        if settlement.status == Settlement.Status.CLOSED:
            return settlement
        lines = settlement_lines(operator, year, month)  # again, under the lock
        _store(settlement, lines, now=now)
    return settlement


def _store(settlement: Settlement, lines: list[Line], *, now: dt.datetime) -> None:
    totals = _totals(lines)
    csv_bytes = render_csv(settlement, lines)
    settlement.lines.all().delete()
    SettlementLine.objects.bulk_create(SettlementLine(
        settlement=settlement, position=position, kind=line.kind, source_key=line.source_key,
        occurred_at=line.occurred_at, adjustment_of=line.adjustment_of,
        description=line.description, credits=line.credits, gross=line.gross,
        vat_rate=line.vat_rate, net=line.net, vat=line.vat)
        for position, line in enumerate(lines, start=1))
    settlement.total_collected = Decimal(totals["collected"])
    settlement.total_redemptions = Decimal(totals["redemptions"])
    settlement.commission_rate = settings.NETWORK_COMMISSION_PERCENT
    settlement.commission_net = Decimal(totals["commission_net"])
    settlement.commission_vat = Decimal(totals["commission_vat"])
    settlement.amount_due = Decimal(totals["amount_due"])
    settlement.totals = totals
    settlement.content_hash = hashlib.sha256(csv_bytes).hexdigest()
    settlement.generated_at = now
    _write_files(settlement, lines, totals)
    settlement.save()


def settlement_close(*, settlement: Settlement, now: dt.datetime | None = None) -> Settlement:
    """Close a draft: its lines are computed one last time, then frozen. Refused while an
    earlier month of the same operator is still a draft (statements close in order). Later
    drafts of the operator are recomputed, so a late line is counted on exactly one closed
    statement. Idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        settlement = (Settlement.objects.select_for_update().select_related("operator")
                      .get(pk=settlement.pk))
        if settlement.status == Settlement.Status.CLOSED:
            return settlement
        earlier = Settlement.objects.filter(operator=settlement.operator_id,
                                            status=Settlement.Status.DRAFT).exclude(
            pk=settlement.pk).filter(year__lte=settlement.year)
        if any((s.year, s.month) < (settlement.year, settlement.month) for s in earlier):
            raise SettlementError("close the earlier months of this operator first")
        lines = settlement_lines(settlement.operator, settlement.year, settlement.month)
        settlement.status, settlement.closed_at = Settlement.Status.CLOSED, now
        _store(settlement, lines, now=now)
    for later in Settlement.objects.filter(operator=settlement.operator_id,
                                           status=Settlement.Status.DRAFT).order_by("year",
                                                                                    "month"):
        settlement_generate(operator=settlement.operator, year=later.year, month=later.month,
                            now=now)
    return settlement


def settlements_run(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The daily job: (re)compute last month's drafts for every operator, then close the drafts
    whose month ended more than SETTLEMENT_CLOSE_AFTER_DAYS ago, oldest first."""
    now = now or timezone.now()
    year, month = previous_month(now)
    generated = 0
    for operator in Operator.objects.order_by("pk"):
        if settlement_generate(operator=operator, year=year, month=month, now=now) is not None:
            generated += 1
    closed = 0
    grace = dt.timedelta(days=settings.SETTLEMENT_CLOSE_AFTER_DAYS)
    for draft in Settlement.objects.filter(status=Settlement.Status.DRAFT).order_by(
            "year", "month", "operator_id"):
        if month_bounds(draft.year, draft.month)[1] + grace <= now:
            settlement_close(settlement=draft, now=now)
            closed += 1
    return {"generated": generated, "closed": closed}
