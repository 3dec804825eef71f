from django.conf import settings
from django.contrib import admin
from django.http import FileResponse, Http404, HttpRequest
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView

from config.observability import metrics_view


@ensure_csrf_cookie
def spa_index(request: HttpRequest) -> FileResponse:
    """Serve the built single-page app for any non-API path (client-side routing)."""
    index = settings.FRONTEND_DIST_DIR / "index.html"
    if not index.is_file():
        raise Http404("Frontend not built: run `make demo` (or `npm run build` in frontend/).")
    return FileResponse(index.open("rb"), content_type="text/html; charset=utf-8")


api_v1: list[URLPattern | URLResolver] = [
    path("", include("ostal.accounts.api.urls")),
    path("", include("ostal.spaces.api.urls")),
    path("", include("ostal.teams.api.urls")),
    path("", include("ostal.bookings.api.urls")),
    path("", include("ostal.memberships.api.urls")),
    path("", include("ostal.billing.api.urls")),
    path("", include("ostal.calendars.api.urls")),
    path("", include("ostal.notifications.api.urls")),
    path("", include("ostal.analytics.api.urls")),
    path("", include("ostal.employers.api.urls")),
    path("", include("ostal.privacy.api.urls")),
    path("", include("ostal.audit.api.urls")),
    path("", include("ostal.joining.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]

admin.site.site_header = "Ostal — administration"
admin.site.site_title = "Ostal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", include(api_v1)),
    path("_allauth/", include("allauth.headless.urls")),
    path("admin/", admin.site.urls),
    path("ical/", include("ostal.calendars.urls")),  # calendar feeds, outside API versions
    path("u/", include("ostal.notifications.urls")),  # unsubscribe links in e-mails
    path("metrics", metrics_view),  # Prometheus, never through the proxy (config/observability.py)
]
if settings.DEBUG:  # production serves media from nginx
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
urlpatterns += [re_path(r"^(?!api/|_allauth/|admin/|static/|media/|ical/|u/|metrics$).*$",
                        spa_index)]
