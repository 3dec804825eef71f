"""GET/POST /u/<token>: unsubscribe from one category of non-transactional mail.

GET only shows a confirmation page (mail scanners and link previews follow links: a GET must
change nothing); POST applies it: the page's button, or a mail provider's RFC 8058 one-click
request (`List-Unsubscribe=One-Click` in the body, no cookie, no CSRF token: the signed
token is the authorisation, so the view is CSRF-exempt). Answers 200 with a small page; a
forged or damaged token answers 400 and changes nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ostal.accounts.models import User
from ostal.notifications.services import notification_unsubscribe, unsubscribe_token_load

CATEGORY_LABELS = {
    "booking_reminders": ("les rappels de réservation", "booking reminders"),
    "credits_expiring": ("les alertes de crédits bientôt expirés", "expiring-credit alerts"),
    "renewal_upcoming": ("les avis de renouvellement d'abonnement", "plan renewal notices"),
    "admin_summaries": ("les résumés de rapprochement Stripe", "Stripe reconciliation summaries"),
    "all": ("aucun e-mail facultatif", "any optional e-mail"),
}


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    context: dict[str, object] = {"preferences_url": f"{settings.SITE_URL}/compte/notifications",
                                  "lang": "fr"}
    try:
        user_id, category = unsubscribe_token_load(token)
        user = User.objects.get(pk=user_id)
    except (signing.BadSignature, User.DoesNotExist):
        return render(request, "notifications/unsubscribe.html", {**context, "state": "invalid"},
                      status=400)
    label_fr, label_en = CATEGORY_LABELS[category]
    context.update(lang=user.language or "fr", email=user.email, category_label_fr=label_fr,
                   category_label_en=label_en)
    if request.method == "POST":
        notification_unsubscribe(user=user, category=category)
        return render(request, "notifications/unsubscribe.html", {**context, "state": "done"})
    return render(request, "notifications/unsubscribe.html", {**context, "state": "confirm"})
