"""/ical/... — included at the root by config/urls.py (outside /api/v1/: calendar apps poll
these addresses for years, they must not move with API versions)."""

from django.urls import path, re_path

from ostal.calendars import views

urlpatterns = [
    path("public/spaces/<slug:slug>/stops.ics", views.public_stops_feed,
         name="calendar-public-stops"),
    re_path(r"^(?P<token>[A-Za-z0-9_-]{20,100})\.ics$", views.private_feed,
            name="calendar-feed"),
]
