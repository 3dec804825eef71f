"""Template filters of the notification e-mails."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import translation

register = template.Library()


@register.filter
def money(amount: object, currency: str = "EUR") -> str:
    """24.5, "EUR" → "24,50 €" in French, "€24.50" in English (other currencies: code)."""
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return str(amount)
    text = f"{value:,.2f}"
    if translation.get_language() == "en":
        return f"€{text}" if currency == "EUR" else f"{text} {currency}"
    text = text.replace(",", "\u202f").replace(".", ",")
    return f"{text}\u00a0€" if currency == "EUR" else f"{text}\u00a0{currency}"
