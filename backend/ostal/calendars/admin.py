"""Django admin for calendars: feeds (who subscribes to what; revocable, never their token)
and imported calendars (what the last import did, and why it failed).

Every change goes through `ostal.calendars.services`, as the API's do: revoking stamps
`revoked_at` (the address answers 404 at once), "import now" runs the same import as the
periodic task, deleting a calendar removes the blocks it created. Feeds are personal data and
are for the network's admins; imported calendars are scoped like the bookings admin (network
admins see every place, managers their operators' places).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from ostal.calendars import services
from ostal.calendars.models import CalendarFeed, ExternalCalendar
from ostal.core.api.permissions import is_manager, is_network_admin


class _ActiveFilter(admin.SimpleListFilter):
    title = "état / state"
    parameter_name = "active"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "active"), ("no", "révoquée / revoked")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return queryset.filter(revoked_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Read-only rows (the token hash is not even shown: it is useless to a person and helps
    an attacker who copies screens); the useful change is to revoke, in bulk if needed."""

    list_display = ("id", "owner", "kind", "space", "resource", "created_at", "last_used_at",
                    "is_active")
    list_filter = (_ActiveFilter, "kind")
    search_fields = ("owner__email", "space__name", "resource__name")
    list_select_related = ("owner", "space", "resource")
    fields = ("owner", "kind", "space", "resource", "created_at", "updated_at", "last_used_at",
              "revoked_at")
    readonly_fields = fields
    actions = ("revoke",)

    @admin.display(boolean=True, description="active")
    def is_active(self, feed: CalendarFeed) -> bool:
        return feed.is_active

    @admin.action(description="Révoquer (l'adresse répond 404) / Revoke (the address answers 404)")
    def revoke(self, request: HttpRequest, queryset: QuerySet[CalendarFeed]) -> None:
        feeds = list(queryset.filter(revoked_at__isnull=True))
        for feed in feeds:
            services.calendar_feed_revoke(feed=feed)
        self.message_user(request, f"{len(feeds)} adresse(s) révoquée(s) / revoked.",
                          messages.SUCCESS)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_network_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_network_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_network_admin(request.user)  # the revoke action; every field is read-only

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a token is shown once, to its owner: feeds are created in the app

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead: the row keeps the history of the address


@admin.register(ExternalCalendar)
class ExternalCalendarAdmin(admin.ModelAdmin):
    list_display = ("name", "space", "resource", "sync_status", "last_success_at",
                    "last_fetched_at", "consecutive_failures", "next_sync_at", "error_short")
    list_filter = ("sync_status",)
    search_fields = ("name", "url", "space__name")
    list_select_related = ("space", "resource")
    fields = ("name", "url", "space", "resource", "created_by", "sync_status", "last_error",
              "problem_list", "events_imported", "last_success_at", "last_fetched_at",
              "consecutive_failures", "next_sync_at", "etag", "last_modified", "created_at")
    readonly_fields = fields  # rename or re-address through the app: the URL is checked there
    actions = ("import_now",)

    @admin.display(description="erreur / error")
    def error_short(self, calendar: ExternalCalendar) -> str:
        return calendar.last_error[:80]

    @admin.display(description="événements ignorés / events left out")
    def problem_list(self, calendar: ExternalCalendar) -> str:
        problems = calendar.problems or []
        if not problems:
            return "—"
        rows = ((p.get("start", ""), p.get("uid", ""), p.get("message", ""))
                for p in problems if isinstance(p, dict))
        return format_html("<ul>{}</ul>", format_html_join(
            "", "<li>{} <code>{}</code> : {}</li>", rows))

    @admin.action(description="Importer maintenant / Import now")
    def import_now(self, request: HttpRequest, queryset: QuerySet[ExternalCalendar]) -> None:
        for calendar in queryset.select_related("space", "resource")[:20]:
            done = services.external_calendar_sync(calendar=calendar)
            level = messages.ERROR if done.sync_status == "error" else messages.SUCCESS
            self.message_user(request, f"{done.name} : {done.get_sync_status_display()} "
                                       f"{done.last_error}".strip(), level)

    def get_queryset(self, request: HttpRequest) -> QuerySet[ExternalCalendar]:
        queryset = super().get_queryset(request)
        if is_network_admin(request.user):
            return queryset
        return queryset.filter(space__operator__managers=request.user)

    def delete_model(self, request: HttpRequest, obj: ExternalCalendar) -> None:
        services.external_calendar_delete(calendar=obj)  # and the blocks it created

    def delete_queryset(self, request: HttpRequest,
                        queryset: QuerySet[ExternalCalendar]) -> None:
        for calendar in queryset:
            services.external_calendar_delete(calendar=calendar)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_manager(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_manager(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_manager(request.user)  # the "import now" action

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_manager(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # registered in the app, where the address is checked
