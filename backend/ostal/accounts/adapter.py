from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils.translation import get_language_from_request


class AccountAdapter(DefaultAccountAdapter):
    """Remembers the language the person signed up in, for every later e-mail."""

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        language = get_language_from_request(request)
        user.language = "en" if language and language.startswith("en") else "fr"
        if commit:
            user.save()
        return user
