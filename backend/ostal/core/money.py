"""Money: Decimal amounts with a currency, rounded in one place.

Rules (docs/adr/0005-invoices-and-stripe.md):
- amounts are `Decimal`, never floats; zero is `Decimal("0.00")`;
- every rounding goes through `quantize()` (ROUND_HALF_UP to the currency's minor unit);
- VAT is computed per invoice line by `vat_split_from_gross` / `vat_split_from_net`, so the
  line amounts always satisfy `net + vat == gross` exactly;
- minor units (cents) exist only at the payment provider's boundary: `to_minor_units` and
  `from_minor_units` are called from `ostal.billing.stripe` and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# ISO 4217 minor-unit exponents of the currencies we accept. Only the euro for now: adding one
# is a line here (and a thought about VAT, which is French anyway).
CURRENCY_EXPONENTS: dict[str, int] = {"EUR": 2}
DEFAULT_CURRENCY = "EUR"
ZERO = Decimal("0.00")


class MoneyError(ValueError):
    """An amount or a currency that the money helpers refuse (bad currency, too precise...)."""


def validate_currency(currency: str) -> str:
    """The upper-case ISO code if we support it; MoneyError otherwise."""
    code = (currency or "").upper()
    if code not in CURRENCY_EXPONENTS:
        raise MoneyError(f"Unsupported currency: {currency!r}")
    return code


def _exponent(currency: str) -> int:
    return CURRENCY_EXPONENTS[validate_currency(currency)]


def quantize(amount: Decimal | int | str, currency: str = DEFAULT_CURRENCY) -> Decimal:
    """Round `amount` to the currency's minor unit, half up (0.005 → 0.01). The one rounding
    function of the code base: VAT, proration and refunds all call it."""
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise MoneyError(f"Not an amount: {amount!r}") from exc
    if not value.is_finite():
        raise MoneyError(f"Not a finite amount: {amount!r}")
    step = Decimal(1).scaleb(-_exponent(currency))
    return value.quantize(step, rounding=ROUND_HALF_UP)


def is_exact(amount: Decimal, currency: str = DEFAULT_CURRENCY) -> bool:
    """True when `amount` has no more decimals than the currency allows (12.345 EUR: False)."""
    return quantize(amount, currency) == amount


def to_minor_units(amount: Decimal, currency: str) -> int:
    """12.30 EUR → 1230. Refuses amounts that would lose precision instead of rounding them:
    rounding belongs to `quantize`, before the boundary. Used only in ostal.billing.stripe."""
    if not is_exact(amount, currency):
        raise MoneyError(f"{amount} {currency} has more decimals than the currency allows")
    return int(amount.scaleb(_exponent(currency)))


def from_minor_units(value: int, currency: str) -> Decimal:
    """1230, "eur" → Decimal("12.30"). Used only in ostal.billing.stripe."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise MoneyError(f"Minor units must be an integer, not {value!r}")
    return quantize(Decimal(value).scaleb(-_exponent(currency)), currency)


@dataclass(frozen=True)
class Money:
    """An amount in a currency. Arithmetic refuses to mix currencies."""

    amount: Decimal
    currency: str = DEFAULT_CURRENCY

    def __post_init__(self) -> None:
        object.__setattr__(self, "currency", validate_currency(self.currency))
        object.__setattr__(self, "amount", quantize(self.amount, self.currency))

    @classmethod
    def zero(cls, currency: str = DEFAULT_CURRENCY) -> Money:
        return cls(ZERO, currency)

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise MoneyError(f"Cannot mix {self.currency} and {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        return Money(self.amount * Decimal(factor), self.currency)

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


@dataclass(frozen=True)
class VatSplit:
    """One line's amounts: `net + vat == gross`, each rounded to the currency."""

    net: Decimal
    vat: Decimal
    gross: Decimal


def vat_split_from_gross(gross: Decimal, rate: Decimal, currency: str = DEFAULT_CURRENCY
                         ) -> VatSplit:
    """Split a tax-included amount: net = round(gross / (1 + rate)), vat = gross - net.
    Rounding the net and deriving the VAT keeps the price the customer sees unchanged."""
    gross = quantize(gross, currency)
    net = quantize(gross / (Decimal(1) + rate), currency)
    return VatSplit(net=net, vat=gross - net, gross=gross)


def vat_split_from_net(net: Decimal, rate: Decimal, currency: str = DEFAULT_CURRENCY
                       ) -> VatSplit:
    """Add VAT to a tax-excluded amount: vat = round(net * rate), gross = net + vat."""
    net = quantize(net, currency)
    vat = quantize(net * rate, currency)
    return VatSplit(net=net, vat=vat, gross=net + vat)
