"""Shapes of the calendars API. Serializers validate input shape and render output; rules
live in `ostal.calendars.services`. Names are unique across the project (drf-spectacular)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ostal.calendars.errors import ImportErrorCode, calendar_error_catalogue
from ostal.calendars.feeds import feed_name
from ostal.calendars.models import CalendarFeed, ExternalCalendar


class CalendarErrorOutputSerializer(serializers.Serializer[Any]):
    """A refusal: stable `code`, FR / EN `message`, per-field details."""

    code = serializers.CharField(help_text="One of:\n\n" + calendar_error_catalogue()
                                 + "\n\nor `invalid`, `not_found`, `not_authenticated`, "
                                   "`permission_denied`.")
    message = serializers.CharField()
    fields = serializers.DictField(  # type: ignore[assignment]  # popped by the metaclass
        child=serializers.ListField(child=serializers.CharField()))


class CalendarSpaceRefOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class CalendarResourceRefOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CalendarFeedCreateInputSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=CalendarFeed.Kind.choices)
    space = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                     help_text="Place id, for a `space` feed.")
    resource = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                        help_text="Resource id, for a `resource` feed.")


class CalendarFeedOutputSerializer(serializers.ModelSerializer[CalendarFeed]):
    """A feed as listed: never its address (the token is shown once, at creation or
    regeneration)."""

    space = CalendarSpaceRefOutputSerializer(allow_null=True)
    resource = CalendarResourceRefOutputSerializer(allow_null=True)
    name = serializers.SerializerMethodField()

    class Meta:
        model = CalendarFeed
        fields: tuple[str, ...] = ("id", "kind", "name", "space", "resource", "created_at",
                                   "last_used_at")

    def get_name(self, feed: CalendarFeed) -> str:
        return feed_name(feed)


class CalendarFeedIssuedOutputSerializer(CalendarFeedOutputSerializer):
    """A feed with its secret address, shown this once."""

    url = serializers.CharField(help_text="https:// address of the feed (keep it secret).")
    webcal_url = serializers.CharField(help_text="The same as webcal://, for subscribe links.")

    class Meta(CalendarFeedOutputSerializer.Meta):
        fields = (*CalendarFeedOutputSerializer.Meta.fields, "url", "webcal_url")


class ExternalCalendarInputSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=100)
    url = serializers.CharField(max_length=2000,
                                help_text="http(s):// or webcal:// address of the .ics file.")
    resource = serializers.IntegerField(
        required=False, allow_null=True, min_value=1,
        help_text="A resource of this place; empty: the whole place (every active resource).")


class ExternalCalendarUpdateInputSerializer(ExternalCalendarInputSerializer):
    name = serializers.CharField(max_length=100, required=False)
    url = serializers.CharField(max_length=2000, required=False)


class ImportProblemOutputSerializer(serializers.Serializer[Any]):
    uid = serializers.CharField(help_text="UID of the event in the external calendar.")
    start = serializers.CharField(help_text="Its start (or original start), if known.")
    code = serializers.CharField(help_text="One of: " + ", ".join(
        f"`{code}`" for code in ImportErrorCode))
    message = serializers.CharField()


class ExternalCalendarOutputSerializer(serializers.ModelSerializer[ExternalCalendar]):
    resource = CalendarResourceRefOutputSerializer(allow_null=True)
    problems = ImportProblemOutputSerializer(many=True)
    last_error_code = serializers.CharField(
        help_text="Why the last import failed as a whole, or '' — one of: " + ", ".join(
            f"`{code}`" for code in ImportErrorCode))

    class Meta:
        model = ExternalCalendar
        fields = ("id", "name", "url", "resource", "sync_status", "last_fetched_at",
                  "last_success_at", "last_error_code", "last_error", "problems",
                  "events_imported", "next_sync_at", "created_at")
