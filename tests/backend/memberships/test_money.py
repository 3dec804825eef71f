from decimal import Decimal

import pytest

from ostal.core import money
from ostal.core.money import (
    Money,
    MoneyError,
    from_minor_units,
    quantize,
    to_minor_units,
    vat_split_from_gross,
    vat_split_from_net,
)


def test_quantize_rounds_half_up_to_the_cent():
    assert quantize(Decimal("0.005"), "EUR") == Decimal("0.01")
    assert quantize(Decimal("2.675"), "EUR") == Decimal("2.68")
    assert quantize(Decimal("-2.675"), "EUR") == Decimal("-2.68")


@pytest.mark.parametrize("bad", ["abc", "NaN", "Infinity", None])
def test_quantize_refuses_what_is_not_an_amount(bad):
    with pytest.raises(MoneyError):
        quantize(bad, "EUR")


def test_unsupported_currency_is_refused():
    with pytest.raises(MoneyError):
        Money(Decimal("1.00"), "XXX")


def test_minor_units_round_trip_and_refuse_lost_precision():
    assert to_minor_units(Decimal("12.30"), "EUR") == 1230
    assert from_minor_units(1230, "eur") == Decimal("12.30")
    with pytest.raises(MoneyError):
        to_minor_units(Decimal("12.305"), "EUR")
    with pytest.raises(MoneyError):
        from_minor_units(12.3, "EUR")  # type: ignore[arg-type]


def test_money_refuses_to_mix_currencies(monkeypatch):
    monkeypatch.setitem(money.CURRENCY_EXPONENTS, "CHF", 2)
    with pytest.raises(MoneyError):
        Money(Decimal("1"), "EUR") + Money(Decimal("1"), "CHF")
    assert Money(Decimal("1.005"), "eur") + Money(Decimal("2"), "EUR") == Money(Decimal("3.01"))


@pytest.mark.parametrize(("gross", "net", "vat"), [
    ("15.00", "12.50", "2.50"), ("10.00", "8.33", "1.67"), ("0.01", "0.01", "0.00"),
    ("99.99", "83.33", "16.66")])
def test_vat_split_from_gross_adds_up_exactly(gross, net, vat):
    split = vat_split_from_gross(Decimal(gross), Decimal("0.20"), "EUR")
    assert (split.net, split.vat, split.gross) == (Decimal(net), Decimal(vat), Decimal(gross))
    assert split.net + split.vat == split.gross


def test_vat_split_from_net_rounds_vat_once():
    split = vat_split_from_net(Decimal("8.33"), Decimal("0.20"), "EUR")
    assert (split.vat, split.gross) == (Decimal("1.67"), Decimal("10.00"))


def test_zero_rate_has_no_vat():
    split = vat_split_from_gross(Decimal("42.00"), Decimal("0"), "EUR")
    assert (split.net, split.vat) == (Decimal("42.00"), Decimal("0.00"))
