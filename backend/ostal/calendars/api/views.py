"""Calendars API: a person's feed addresses, a booking as .ics, managers' imported calendars.

Thin: parse, call one service or selector, render. Someone else's feed, booking or calendar is
a 404 (a refusal reveals nothing); a member who manages nothing gets 403 on /manage/.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.accounts.models import User
from ostal.bookings import selectors as booking_selectors
from ostal.calendars import feeds, selectors, services
from ostal.calendars.api import serializers as s
from ostal.calendars.errors import CalendarError
from ostal.calendars.errors import CalendarErrorCode as C
from ostal.calendars.models import ExternalCalendar
from ostal.core.api.permissions import IsManager
from ostal.spaces.models import Resource, Space

T = TypeVar("T")

ERRORS = {
    400: OpenApiResponse(s.CalendarErrorOutputSerializer, description="Invalid input."),
    403: OpenApiResponse(s.CalendarErrorOutputSerializer,
                         description="Not logged in, or not a manager of that place."),
    404: OpenApiResponse(s.CalendarErrorOutputSerializer, description="Not found (or not "
                                                                      "yours)."),
    409: OpenApiResponse(s.CalendarErrorOutputSerializer, description="A limit or a "
                                                                      "duplicate."),
}


def _user(request: Request) -> User:
    return cast(User, request.user)


def _get_or_404(getter: Callable[..., T], *args: Any) -> T:
    try:
        return getter(*args)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def _issued(issued: services.IssuedFeed, *, status: int) -> Response:
    body = s.CalendarFeedOutputSerializer(issued.feed).data
    return Response({**body, "url": issued.url, "webcal_url": issued.webcal_url},
                    status=status)


class ICalendarRenderer(BaseRenderer):
    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None,
               renderer_context: Mapping[str, Any] | None = None) -> bytes:
        if isinstance(data, bytes):
            return data
        return JSONRenderer().render(data)


# --- feeds -----------------------------------------------------------------------------------


class CalendarFeedListCreateApi(APIView):
    @extend_schema(responses={200: s.CalendarFeedOutputSerializer(many=True), 403: ERRORS[403]},
                   operation_id="calendar_feeds_list")
    def get(self, request: Request) -> Response:
        """My active calendar feeds (their addresses are not shown again)."""
        feeds_ = selectors.calendar_feed_list_for_user(_user(request))
        return Response(s.CalendarFeedOutputSerializer(feeds_, many=True).data)

    @extend_schema(request=s.CalendarFeedCreateInputSerializer,
                   responses={201: s.CalendarFeedIssuedOutputSerializer, **ERRORS},
                   operation_id="calendar_feeds_create")
    def post(self, request: Request) -> Response:
        """A new secret feed address: `member` (all my bookings across the network), or, for
        a place's managers, `space` / `resource` (occupancy). The address is in this answer
        only: subscribe with `webcal_url`."""
        data = s.CalendarFeedCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        space = resource = None
        if values.get("space"):
            space = Space.objects.filter(pk=values["space"]).first()
            if space is None:  # same answer as "not yours": ids reveal nothing
                raise CalendarError(C.FEED_NOT_MANAGER)
        if values.get("resource"):
            resource = Resource.objects.select_related("space").filter(
                pk=values["resource"]).first()
            if resource is None:
                raise CalendarError(C.FEED_NOT_MANAGER)
        issued = services.calendar_feed_create(owner=_user(request), kind=values["kind"],
                                               space=space, resource=resource)
        return _issued(issued, status=201)


class CalendarFeedDetailApi(APIView):
    @extend_schema(responses={204: None, 403: ERRORS[403], 404: ERRORS[404]},
                   operation_id="calendar_feeds_revoke")
    def delete(self, request: Request, pk: int) -> Response:
        """Revoke a feed: its address answers 404 from now on."""
        feed = _get_or_404(selectors.calendar_feed_get_for_user, _user(request), pk)
        services.calendar_feed_revoke(feed=feed)
        return Response(status=204)


class CalendarFeedRegenerateApi(APIView):
    @extend_schema(request=None,
                   responses={200: s.CalendarFeedIssuedOutputSerializer, 403: ERRORS[403],
                              404: ERRORS[404]},
                   operation_id="calendar_feeds_regenerate")
    def post(self, request: Request, pk: int) -> Response:
        """A new address for the feed (the old one stops working at once), shown this once."""
        feed = _get_or_404(selectors.calendar_feed_get_for_user, _user(request), pk)
        return _issued(services.calendar_feed_regenerate(feed=feed), status=200)


class BookingIcsApi(APIView):
    renderer_classes = (JSONRenderer, ICalendarRenderer)

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.BINARY, 403: ERRORS[403],
                              404: ERRORS[404]},
                   operation_id="bookings_ics")
    def get(self, request: Request, pk: int) -> HttpResponse:
        """One of my bookings as an .ics file (same UID as in my feed: no duplicate)."""
        booking = _get_or_404(booking_selectors.booking_get_for_member, _user(request), pk)
        response = HttpResponse(feeds.booking_ics(booking),
                                content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = (f'attachment; filename="ostal-{booking.reference}'
                                           f'.ics"')
        response["Cache-Control"] = "private, no-store"
        return response


# --- external calendars (managers) --------------------------------------------------------------


def _space(request: Request, space_id: int) -> Space:
    return _get_or_404(booking_selectors.space_get_for_manager, _user(request), space_id)


def _calendar(request: Request, space_id: int, pk: int) -> ExternalCalendar:
    return _get_or_404(selectors.external_calendar_get_for_space, _space(request, space_id), pk)


def _resource_of(space: Space, resource_id: int | None) -> Resource | None:
    if not resource_id:
        return None
    resource = Resource.objects.filter(pk=resource_id, space=space).first()
    if resource is None:
        raise CalendarError(C.CALENDAR_RESOURCE_NOT_IN_SPACE, fields={"resource": ["space"]})
    return resource


class ExternalCalendarListCreateApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(responses={200: s.ExternalCalendarOutputSerializer(many=True),
                              403: ERRORS[403], 404: ERRORS[404]},
                   operation_id="manage_external_calendars_list")
    def get(self, request: Request, space_id: int) -> Response:
        """Calendars imported into this place, with the outcome of their last import."""
        calendars = selectors.external_calendar_list_for_space(_space(request, space_id))
        return Response(s.ExternalCalendarOutputSerializer(calendars, many=True).data)

    @extend_schema(request=s.ExternalCalendarInputSerializer,
                   responses={201: s.ExternalCalendarOutputSerializer, **ERRORS},
                   operation_id="manage_external_calendars_create")
    def post(self, request: Request, space_id: int) -> Response:
        """Import a calendar (its .ics address) as blocked times of one resource, or of the
        whole place when `resource` is empty. Imported every 15 minutes; POST .../sync/ to
        import now."""
        space = _space(request, space_id)
        data = s.ExternalCalendarInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        calendar = services.external_calendar_create(
            space=space, name=values["name"], url=values["url"],
            resource=_resource_of(space, values.get("resource")), actor=_user(request))
        return Response(s.ExternalCalendarOutputSerializer(calendar).data, status=201)


class ExternalCalendarDetailApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(responses={200: s.ExternalCalendarOutputSerializer, 403: ERRORS[403],
                              404: ERRORS[404]},
                   operation_id="manage_external_calendars_retrieve")
    def get(self, request: Request, space_id: int, pk: int) -> Response:
        return Response(s.ExternalCalendarOutputSerializer(
            _calendar(request, space_id, pk)).data)

    @extend_schema(request=s.ExternalCalendarUpdateInputSerializer,
                   responses={200: s.ExternalCalendarOutputSerializer, **ERRORS},
                   operation_id="manage_external_calendars_update")
    def patch(self, request: Request, space_id: int, pk: int) -> Response:
        """Rename, change the address or the target resource (the blocks follow at the next
        import, which is due at once)."""
        calendar = _calendar(request, space_id, pk)
        data = s.ExternalCalendarUpdateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        changes: dict[str, Any] = {"name": values.get("name"), "url": values.get("url")}
        if "resource" in values:
            changes["resource"] = _resource_of(calendar.space, values["resource"])
        calendar = services.external_calendar_update(calendar=calendar, **changes)
        return Response(s.ExternalCalendarOutputSerializer(calendar).data)

    @extend_schema(responses={204: None, 403: ERRORS[403], 404: ERRORS[404]},
                   operation_id="manage_external_calendars_delete")
    def delete(self, request: Request, space_id: int, pk: int) -> Response:
        """Stop importing and remove every block the calendar created."""
        services.external_calendar_delete(calendar=_calendar(request, space_id, pk))
        return Response(status=204)


class ExternalCalendarSyncApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(request=None,
                   responses={200: s.ExternalCalendarOutputSerializer, 403: ERRORS[403],
                              404: ERRORS[404]},
                   operation_id="manage_external_calendars_sync")
    def post(self, request: Request, space_id: int, pk: int) -> Response:
        """Import now (takes up to the fetch timeout, 10 s). The answer carries the outcome:
        `sync_status`, `last_error` and the `problems` of events left out. A failed import
        keeps the blocks of the previous one."""
        calendar = services.external_calendar_sync(calendar=_calendar(request, space_id, pk))
        return Response(s.ExternalCalendarOutputSerializer(calendar).data)
