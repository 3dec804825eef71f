"""Booking API for members and the public: thin — parse, call one service or selector, render.

Refusals are BookingError (400/409 with a code); someone else's booking, series or entry is a
404, never a 403, so a refusal reveals nothing.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo

import segno
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.accounts.models import User
from ostal.analytics.services import search_record_availability
from ostal.bookings import selectors, services
from ostal.bookings.api import render
from ostal.bookings.api import serializers as s
from ostal.bookings.errors import error_catalogue
from ostal.bookings.loading import place_day_load
from ostal.bookings.models import Booking
from ostal.bookings.policies import Policy
from ostal.core.api.pagination import StandardPagination
from ostal.spaces.models import Space

T = TypeVar("T")

ERRORS = {
    400: OpenApiResponse(s.BookingErrorOutputSerializer,
                         description="Invalid input or a rule refused the request."),
    403: OpenApiResponse(s.BookingErrorOutputSerializer, description="Not logged in."),
    404: OpenApiResponse(s.BookingErrorOutputSerializer, description="Not found (or not "
                                                                     "yours)."),
    409: OpenApiResponse(s.BookingErrorOutputSerializer,
                         description="Conflict: slot taken, limit reached, idempotency key "
                                     "reused...\n\n" + error_catalogue()),
}
IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key", str, OpenApiParameter.HEADER, required=False,
    description="A retry with the same key never books twice: it returns the first result "
                "(200 instead of 201). Reusing a key for another request is a 409.")


def user(request: Request) -> User:
    """The caller; views that reach here passed IsAuthenticated (or a stricter class)."""
    return cast(User, request.user)


def get_or_404(getter: Callable[..., T], *args: Any) -> T:
    try:
        return getter(*args)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def idempotency_key(request: Request, body: dict[str, Any]) -> str:
    key = (request.headers.get("Idempotency-Key") or body.get("idempotency_key") or "").strip()
    if len(key) > s.IDEMPOTENCY_KEY_MAX:
        raise serializers.ValidationError(
            {"idempotency_key": [f"{s.IDEMPOTENCY_KEY_MAX} caractères au plus / at most "
                                 f"{s.IDEMPOTENCY_KEY_MAX} characters."]})
    return key


def local_today(space: Space) -> dt.date:
    return timezone.now().astimezone(ZoneInfo(space.timezone)).date()


def booking_request_from(data: dict[str, Any], space: Space) -> services.BookingRequest:
    return services.BookingRequest(
        space=space, resource_kind=data["kind"], date=data.get("date") or local_today(space),
        part=data.get("part"), start_time=data.get("start_time"), end_time=data.get("end_time"),
        attendees=data["attendees"], resource_id=data.get("resource"),
        walk_up=data["walk_up"])


def render_booking(booking: Booking, *, status_code: int = 200,
                   policy: Policy | None = None) -> Response:
    """The booking's answer; give the `policy` it was made under when known (no query)."""
    policies = ({(booking.space_id, booking.resource_kind): policy} if policy is not None
                else s.policies_for([booking]))
    # = BookingOutputSerializer (the documented contract), rendered flat (render.py)
    return Response(render.BookingRenderer(policies, s.stops_for([booking])).booking(booking),
                    status=status_code)


def place_for_booking(form: s.BookingCreateInputSerializer
                      ) -> tuple[Space, services.BookingContext | None]:
    """The place of a booking request, and (with a date) its policy, hours and capacity for
    that date, read in one query; a 400 on `space` when no such published place."""
    data = form.validated_data
    slug = data["space"]
    if data.get("date") is not None:
        place = place_day_load(slug=slug, resource_kind=data["kind"], date=data["date"])
        if place is not None:
            return place.space, services.BookingContext(
                schedule=place.schedule, policy=place.policy, capacity=place.capacity,
                capacity_known=True)
    else:  # a walk-up for today: today in the place's time zone
        space = Space.objects.published().select_related("commune").filter(slug=slug).first()
        if space is not None:
            return space, None
    raise cast(s.SpaceSlugField, form.fields["space"]).missing(slug)


# --- availability (public) --------------------------------------------------------------------


class AvailabilitySearchApi(APIView):
    """Network-wide search: places with free resources of a kind, nearest first."""

    permission_classes = (AllowAny,)

    @extend_schema(parameters=[s.AvailabilitySearchInputSerializer],
                   responses={200: s.AvailabilitySearchOutputSerializer, 400: ERRORS[400]},
                   operation_id="availability_search")
    def get(self, request: Request) -> Response:
        params = s.AvailabilitySearchInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        search = selectors.AvailabilitySearch(
            date=data["date"], date_to=data.get("date_to"), resource_kind=data["kind"],
            attendees=data["attendees"], near=data.get("near"), radius_km=data.get("radius_km"),
            available_only=data["available_only"],
            window=selectors.Window(part=data.get("part"), start_time=data.get("start_time"),
                                    end_time=data.get("end_time")))
        results = selectors.availability_search(search)
        search_record_availability(search=search, results=results)  # unmet demand (analytics)
        return Response({  # = AvailabilitySearchOutputSerializer, rendered fast (see render.py)
            "date": search.date.isoformat(),
            "date_to": (search.date_to or search.date).isoformat(),
            "resource_kind": search.resource_kind, "attendees": search.attendees,
            "count": len(results),
            "results": [render.availability_space(result) for result in results]})


class AvailabilityCalendarApi(APIView):
    """One place over a week or a month: free resources per day and slot."""

    permission_classes = (AllowAny,)

    @extend_schema(parameters=[s.AvailabilityCalendarInputSerializer],
                   responses={200: s.AvailabilityCalendarOutputSerializer, 400: ERRORS[400],
                              404: ERRORS[404]},
                   operation_id="availability_space_calendar")
    def get(self, request: Request, slug: str) -> Response:
        space = get_or_404(lambda: Space.objects.published().select_related("commune")
                           .get(slug=slug))
        params = s.AvailabilityCalendarInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        date_from = data.get("from") or local_today(space)
        date_to = data.get("to") or date_from + dt.timedelta(days=6)
        if date_to < date_from:
            raise serializers.ValidationError({"to": ["Avant « from » / before from."]})
        result = selectors.space_availability_calendar(
            space=space, resource_kind=data["kind"], date_from=date_from, date_to=date_to,
            attendees=data["attendees"])
        head = {"space": space, "resource_kind": result.resource_kind, "policy": result.policy,
                "total": result.total, "resources": result.resources, "days": []}
        body = s.AvailabilityCalendarOutputSerializer(head).data
        body["days"] = render.days(result.days)  # = AvailabilityDayOutputSerializer, fast
        return Response(body)


# --- my bookings ------------------------------------------------------------------------------


class BookingListCreateApi(APIView):
    @extend_schema(parameters=[s.MyBookingsFilterInputSerializer,
                               OpenApiParameter("page", int, required=False),
                               OpenApiParameter("page_size", int, required=False,
                                                description="Up to 200 (default 50).")],
                   responses={200: s.BookingPageOutputSerializer, 403: ERRORS[403]},
                   operation_id="bookings_list")
    def get(self, request: Request) -> Response:
        """My bookings (upcoming by default), paginated."""
        params = s.MyBookingsFilterInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        rows = selectors.booking_rows_for_member(
            user(request), when=params.validated_data["when"],
            status=params.validated_data.get("status"))
        paginator = StandardPagination()
        page = paginator.paginate_queryset(rows, request, view=self) or []
        renderer = render.BookingRenderer(  # = BookingOutputSerializer
            s.policies_for_keys({(row["space_id"], row["resource_kind"]) for row in page}),
            s.stops_for_keys({(row["space_id"], row["local_date"]) for row in page
                              if row["space_kind"] == Space.Kind.ITINERANT}))
        return paginator.get_paginated_response([renderer.row(row) for row in page])

    @extend_schema(request=s.BookingCreateInputSerializer, parameters=[IDEMPOTENCY_HEADER],
                   responses={201: s.BookingOutputSerializer,
                              200: OpenApiResponse(s.BookingOutputSerializer,
                                                   description="Replay of an idempotent "
                                                               "request."),
                              **ERRORS},
                   operation_id="bookings_create")
    def post(self, request: Request) -> Response:
        """Book a resource: a desk for a day or half-day (the place assigns one unless
        `resource` is given), a room by the hour for N attendees, or a walk-up from now."""
        data = s.BookingCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        key = idempotency_key(request, data.validated_data)
        space, context = place_for_booking(data)
        result = services.booking_create(
            member=user(request), request=booking_request_from(data.validated_data, space),
            idempotency_key=key, context=context)
        return render_booking(result.booking, status_code=201 if result.created else 200,
                              policy=result.policy)


class BookingDetailApi(APIView):
    @extend_schema(responses={200: s.BookingOutputSerializer, 403: ERRORS[403],
                              404: ERRORS[404]},
                   operation_id="bookings_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        return render_booking(get_or_404(selectors.booking_get_for_member, user(request), pk))

    @extend_schema(request=s.BookingChangeInputSerializer,
                   responses={200: s.BookingOutputSerializer, **ERRORS},
                   operation_id="bookings_change")
    def patch(self, request: Request, pk: int) -> Response:
        """Move a booking to another date, part or times (same place, same kind), within the
        cancellation deadline. All or nothing: if the new slot is refused, the booking is
        unchanged."""
        booking = get_or_404(selectors.booking_get_for_member, user(request), pk)
        data = s.BookingChangeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        change = services.BookingChange(**data.validated_data)
        booking = services.booking_change(booking=booking, actor=user(request),
                                          change=change)
        return render_booking(get_or_404(selectors.booking_get_for_member, user(request),
                                         booking.pk))


class BookingCancelApi(APIView):
    @extend_schema(request=s.BookingCancelInputSerializer,
                   responses={200: s.BookingOutputSerializer, **ERRORS},
                   operation_id="bookings_cancel")
    def post(self, request: Request, pk: int) -> Response:
        """Cancel one booking (one occurrence of a series too). Before the place's deadline
        what was paid comes back; after it, only with `late: true`, under the late
        cancellation policy; never once started. Cancelling twice is harmless."""
        booking = get_or_404(selectors.booking_get_for_member, user(request), pk)
        data = s.BookingCancelInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.booking_cancel(booking=booking, actor=user(request),
                                late=data.validated_data["late"])
        return render_booking(selectors.booking_get_for_member(user(request), pk))


class SvgRenderer(BaseRenderer):
    media_type = "image/svg+xml"
    format = "svg"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None,
               renderer_context: Mapping[str, Any] | None = None) -> bytes:
        if isinstance(data, bytes):
            return data
        return JSONRenderer().render(data)


def qr_svg(content: str) -> HttpResponse:
    buffer = io.BytesIO()
    segno.make(content, error="m").save(buffer, kind="svg", scale=6, border=2, xmldecl=False)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response


class BookingQrApi(APIView):
    renderer_classes = (JSONRenderer, SvgRenderer)

    @extend_schema(responses={(200, "image/svg+xml"): OpenApiTypes.STR, 403: ERRORS[403],
                              404: ERRORS[404]},
                   operation_id="bookings_qr_svg")
    def get(self, request: Request, pk: int) -> HttpResponse:
        """The booking's own QR code (SVG), to show a manager at the door: it encodes a signed
        reference of the booking (POST /manage/check-in/)."""
        booking = get_or_404(selectors.booking_get_for_member, user(request), pk)
        return qr_svg(services.booking_signed_code(booking))


class BookingCheckInApi(APIView):
    @extend_schema(request=s.CheckInInputSerializer,
                   responses={200: s.BookingOutputSerializer, **ERRORS},
                   operation_id="bookings_check_in")
    def post(self, request: Request) -> Response:
        """I scanned the place's QR code: check in my booking there that runs now or starts
        within 30 minutes. Scanning twice is harmless."""
        data = s.CheckInInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        booking = services.booking_check_in_with_space_token(
            member=user(request), token=data.validated_data["token"])
        return render_booking(selectors.booking_get_for_member(user(request), booking.pk))


# --- series -----------------------------------------------------------------------------------


class BookingSeriesCreateApi(APIView):
    @extend_schema(request=s.BookingSeriesCreateInputSerializer, parameters=[IDEMPOTENCY_HEADER],
                   responses={201: s.BookingSeriesOutputSerializer,
                              200: OpenApiResponse(s.BookingSeriesOutputSerializer,
                                                   description="Replay of an idempotent "
                                                               "request."),
                              **ERRORS},
                   operation_id="booking_series_create")
    def post(self, request: Request) -> Response:
        """Book a series (weekdays until a date, or N dates). Each date is booked or refused
        on its own; `occurrences` gives the result of each, with the refusal code."""
        data = s.BookingSeriesCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        key = idempotency_key(request, v)
        series_request = services.SeriesRequest(
            space=v["space"], resource_kind=v["kind"], weekdays=tuple(v["weekdays"]),
            start_date=v["start_date"], until_date=v.get("until_date"), count=v.get("count"),
            part=v.get("part"), start_time=v.get("start_time"), end_time=v.get("end_time"),
            attendees=v["attendees"])
        result = services.booking_series_create(member=user(request),
                                                request=series_request, idempotency_key=key)
        return Response(s.BookingSeriesOutputSerializer(result.series).data,
                        status=201 if result.created else 200)


class BookingSeriesDetailApi(APIView):
    @extend_schema(responses={200: s.BookingSeriesOutputSerializer, 403: ERRORS[403],
                              404: ERRORS[404]},
                   operation_id="booking_series_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        series = get_or_404(selectors.series_get_for_member, user(request), pk)
        return Response(s.BookingSeriesOutputSerializer(series).data)


class BookingSeriesCancelApi(APIView):
    @extend_schema(request=s.BookingSeriesCancelInputSerializer,
                   responses={200: s.BookingSeriesCancelOutputSerializer, **ERRORS},
                   operation_id="booking_series_cancel")
    def post(self, request: Request, pk: int) -> Response:
        """Cancel this and all the following occurrences (from `from_date`); occurrences past
        their cancellation deadline are listed in `refused`."""
        series = get_or_404(selectors.series_get_for_member, user(request), pk)
        data = s.BookingSeriesCancelInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.booking_series_cancel(series=series, actor=user(request),
                                                from_date=data.validated_data["from_date"])
        cancelled = list(selectors.booking_list_for_member(user(request), when="all")
                         .filter(pk__in=[b.pk for b in result.cancelled]).order_by("start"))
        body = {"series": result.series, "cancelled": cancelled,
                "refused": [{"booking_id": b.pk, "date": b.local_date, "code": e.code,
                             "message": str(e.message)} for b, e in result.refused]}
        context = {"policies": s.policies_for(cancelled)}
        return Response(s.BookingSeriesCancelOutputSerializer(body, context=context).data)


# --- waiting list -----------------------------------------------------------------------------


class WaitlistListJoinApi(APIView):
    @extend_schema(responses={200: s.WaitlistEntryOutputSerializer(many=True),
                              403: ERRORS[403]},
                   parameters=[OpenApiParameter("open", bool, required=False,
                                                description="Only waiting / offered entries.")],
                   operation_id="waitlist_list")
    def get(self, request: Request) -> Response:
        """My waiting-list entries (newest first), with the offer to accept if any."""
        open_only = request.query_params.get("open") in {"1", "true", "True"}
        entries = list(selectors.waitlist_list_for_member(user(request),
                                                          open_only=open_only)[:200])
        bookings = [e.offered_booking for e in entries if e.offered_booking]
        context = {"policies": s.policies_for(bookings)}
        return Response(s.WaitlistEntryOutputSerializer(entries, many=True,
                                                        context=context).data)

    @extend_schema(request=s.WaitlistJoinInputSerializer,
                   responses={201: s.WaitlistEntryOutputSerializer, **ERRORS},
                   operation_id="waitlist_join")
    def post(self, request: Request) -> Response:
        """Join the waiting list of a full day or half-day. When a desk frees up, the first
        in line gets an offer (a held booking) until `offer_expires_at`."""
        data = s.WaitlistJoinInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        entry = services.waitlist_join(member=user(request), space=v["space"],
                                       resource_kind=v["kind"], date=v["date"], part=v["part"])
        entry = selectors.waitlist_get_for_member(user(request), entry.pk)
        return Response(s.WaitlistEntryOutputSerializer(entry).data, status=201)


class WaitlistDetailApi(APIView):
    @extend_schema(responses={200: s.WaitlistEntryOutputSerializer, 403: ERRORS[403],
                              404: ERRORS[404]},
                   operation_id="waitlist_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        entry = get_or_404(selectors.waitlist_get_for_member, user(request), pk)
        return Response(s.WaitlistEntryOutputSerializer(entry).data)


class WaitlistLeaveApi(APIView):
    @extend_schema(request=None, responses={200: s.WaitlistEntryOutputSerializer, **ERRORS},
                   operation_id="waitlist_leave")
    def post(self, request: Request, pk: int) -> Response:
        """Leave the line (an open offer is released to the next person)."""
        entry = get_or_404(selectors.waitlist_get_for_member, user(request), pk)
        services.waitlist_leave(entry=entry)
        entry = selectors.waitlist_get_for_member(user(request), pk)
        return Response(s.WaitlistEntryOutputSerializer(entry).data)


class WaitlistAcceptApi(APIView):
    @extend_schema(request=None, responses={200: s.WaitlistEntryOutputSerializer, **ERRORS},
                   operation_id="waitlist_accept")
    def post(self, request: Request, pk: int) -> Response:
        """Accept the offer: the held booking becomes confirmed (`offered_booking`)."""
        entry = get_or_404(selectors.waitlist_get_for_member, user(request), pk)
        services.waitlist_accept(entry=entry)
        entry = selectors.waitlist_get_for_member(user(request), pk)
        return Response(s.WaitlistEntryOutputSerializer(entry).data)
