"""The Django admin speaks French: every model it shows is named in French, singular and plural
(issue 16 item 10: « Policys », « entrys » were English names with an English plural rule
applied by Django to class names)."""

from django.contrib import admin

from ostal.core.models import BaseModel  # noqa: F401  (the apps are loaded by pytest-django)


def _admin_models() -> set[type]:
    models: set[type] = set()
    for model, model_admin in admin.site._registry.items():
        models.add(model)
        for inline in getattr(model_admin, "inlines", []):
            models.add(inline.model)
    return {model for model in models if model.__module__.startswith("ostal.")}


def test_every_model_the_admin_shows_is_named_in_french_singular_and_plural() -> None:
    unnamed = sorted(
        model._meta.label
        for model in _admin_models()
        if not {"verbose_name", "verbose_name_plural"} <= set(model._meta.original_attrs)
    )
    assert unnamed == []


def test_no_plural_is_made_by_adding_s_to_an_english_y() -> None:
    plurals = {model._meta.label: str(model._meta.verbose_name_plural) for model in _admin_models()}
    assert {label: p for label, p in plurals.items() if p.endswith("ys")} == {}
    assert plurals["employers.Policy"] == "politiques de prise en charge"
    assert plurals["memberships.CreditLedgerEntry"] == "écritures de crédits"
