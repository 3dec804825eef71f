"""/u/<token> — unsubscribe links of e-mails (included at the root by config/urls.py, outside
API versions: links in old e-mails must keep working)."""

from django.urls import re_path

from ostal.notifications import views

urlpatterns = [
    re_path(r"^(?P<token>[A-Za-z0-9_:.-]{10,300})$", views.unsubscribe,
            name="notifications-unsubscribe"),
]
