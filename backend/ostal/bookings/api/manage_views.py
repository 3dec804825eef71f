"""Booking API for managers: their places' days, check-in, no-shows, blocks, policies,
bookings made for someone. A place or booking outside the caller's operators is a 404; a
member who manages nothing gets 403."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.accounts.models import User
from ostal.bookings import selectors, services
from ostal.bookings.api import serializers as s
from ostal.bookings.api.views import (
    ERRORS,
    IDEMPOTENCY_HEADER,
    SvgRenderer,
    booking_request_from,
    get_or_404,
    idempotency_key,
    local_today,
    qr_svg,
    user,
)
from ostal.bookings.errors import BookingError
from ostal.bookings.errors import BookingErrorCode as E
from ostal.bookings.models import Booking, BookingPolicy, ResourceBlock
from ostal.bookings.policies import default_policy
from ostal.core.api.permissions import IsManager, IsPlaceStaff
from ostal.spaces.api.manage_views import VERSION_PARAM, VersionedUpdateMixin
from ostal.spaces.models import Resource, Space

MANAGER_ERRORS = {**ERRORS, 403: OpenApiResponse(s.BookingErrorOutputSerializer,
                                                 description="Not a manager.")}


def _space(request: Request, space_id: int) -> Space:
    return get_or_404(selectors.space_get_for_manager, user(request), space_id)


def _booking(request: Request, pk: int) -> Booking:
    return get_or_404(selectors.booking_get_for_manager, user(request), pk)


def _staffed_space(request: Request, space_id: int) -> Space:
    """A place whose day the caller may see (managers and the front desk)."""
    return get_or_404(selectors.space_get_for_staff, user(request), space_id)


def _staffed_booking(request: Request, pk: int) -> Booking:
    return get_or_404(selectors.booking_get_for_staff, user(request), pk)


def render_managed(booking: Booking, *, status_code: int = 200) -> Response:
    context = {"policies": s.policies_for([booking])}
    return Response(s.BookingManageOutputSerializer(booking, context=context).data,
                    status=status_code)


class ManagerSpaceBookingsApi(APIView):
    """GET (the day): managers and the front desk; POST (book for someone): managers."""

    def get_permissions(self) -> list[Any]:
        return [IsPlaceStaff()] if self.request.method == "GET" else [IsManager()]

    @extend_schema(parameters=[s.ManagerDayFilterInputSerializer],
                   responses={200: s.ManagerDayOutputSerializer, **MANAGER_ERRORS},
                   operation_id="manage_space_day")
    def get(self, request: Request, space_id: int) -> Response:
        """Who is in on a day (today by default): every booking of that local day with member,
        resource and status, plus the blocks. Query count independent of the bookings.
        Managers and the place's front desk."""
        space = _staffed_space(request, space_id)
        params = s.ManagerDayFilterInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        date = params.validated_data.get("date") or local_today(space)
        bookings = list(selectors.booking_day_for_space(space, date,
                                                        params.validated_data.get("kind")))
        blocks = list(selectors.block_list_for_space(space, date_from=date, date_to=date))
        statuses = [b.status for b in bookings]
        summary = {"active": sum(st in Booking.ACTIVE_STATUSES for st in statuses),
                   "checked_in": statuses.count(Booking.Status.CHECKED_IN),
                   "no_show": statuses.count(Booking.Status.NO_SHOW),
                   "cancelled": statuses.count(Booking.Status.CANCELLED)}
        body = {"space": space, "date": date, "summary": summary, "bookings": bookings,
                "blocks": blocks}
        context = {"policies": s.policies_for(bookings)}
        return Response(s.ManagerDayOutputSerializer(body, context=context).data)

    @extend_schema(request=s.ManagerBookingCreateInputSerializer, parameters=[IDEMPOTENCY_HEADER],
                   responses={201: s.BookingManageOutputSerializer,
                              200: OpenApiResponse(s.BookingManageOutputSerializer,
                                                   description="Idempotent replay."),
                              **MANAGER_ERRORS},
                   operation_id="manage_space_book_for_member")
    def post(self, request: Request, space_id: int) -> Response:
        """Book for someone (an existing account, by e-mail), e.g. a walk-up at the desk.
        Notice and horizon rules do not apply to managers; hours and limits do."""
        space = _space(request, space_id)
        data = s.ManagerBookingCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        member = User.objects.filter(email__iexact=v["member_email"], is_active=True).first()
        if member is None:
            raise BookingError(E.UNKNOWN_MEMBER, fields={"member_email": ["?"]})
        result = services.booking_create(
            member=member, request=booking_request_from(v, space), booked_by=user(request),
            idempotency_key=idempotency_key(request, v))
        booking = selectors.booking_get_for_manager(user(request), result.booking.pk)
        return render_managed(booking, status_code=201 if result.created else 200)


class ManagerBookingDetailApi(APIView):
    permission_classes = (IsPlaceStaff,)

    @extend_schema(responses={200: s.BookingManageOutputSerializer, **MANAGER_ERRORS},
                   operation_id="manage_bookings_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        """A booking at one of your places (managers and the front desk)."""
        return render_managed(_staffed_booking(request, pk))


class ManagerBookingCheckInApi(APIView):
    permission_classes = (IsPlaceStaff,)

    @extend_schema(request=None, responses={200: s.BookingManageOutputSerializer,
                                            **MANAGER_ERRORS},
                   operation_id="manage_bookings_check_in")
    def post(self, request: Request, pk: int) -> Response:
        """Check a member in (from 30 minutes before the start to the end). Managers and the
        front desk."""
        booking = _staffed_booking(request, pk)
        services.booking_check_in(booking=booking, actor=user(request))
        return render_managed(_staffed_booking(request, pk))


class ManagerBookingNoShowApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(request=None, responses={200: s.BookingManageOutputSerializer,
                                            **MANAGER_ERRORS},
                   operation_id="manage_bookings_no_show")
    def post(self, request: Request, pk: int) -> Response:
        """Mark a confirmed booking whose start has passed as a no-show (frees the resource)."""
        booking = _booking(request, pk)
        services.booking_mark_no_show(booking=booking, actor=user(request))
        return render_managed(_booking(request, pk))


class ManagerBookingCancelApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(request=None, responses={200: s.BookingManageOutputSerializer,
                                            **MANAGER_ERRORS},
                   operation_id="manage_bookings_cancel")
    def post(self, request: Request, pk: int) -> Response:
        """Cancel any active booking of the place, deadline or not."""
        booking = _booking(request, pk)
        services.booking_cancel(booking=booking, actor=user(request))
        return render_managed(_booking(request, pk))


class ManagerCheckInByCodeApi(APIView):
    permission_classes = (IsPlaceStaff,)

    @extend_schema(request=s.ManagerCheckInInputSerializer,
                   responses={200: s.BookingManageOutputSerializer, **MANAGER_ERRORS},
                   operation_id="manage_check_in_by_code")
    def post(self, request: Request) -> Response:
        """Scan a member's booking QR code and check them in (managers and the front desk). A
        valid code of a booking at a place you do not staff answers 404."""
        data = s.ManagerCheckInInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        booking = get_or_404(
            lambda: services.booking_check_in_with_signed_code(
                bookings=Booking.objects.staffed_by(user(request)),
                code=data.validated_data["code"], actor=user(request)))
        return render_managed(_staffed_booking(request, booking.pk))


def _check_in_code_body(request: Request, space: Space) -> dict[str, Any]:
    code = services.space_check_in_code_get_or_create(space=space)
    return {"token": code.token, "url": f"{settings.SITE_URL}/checkin/{code.token}",
            "qr_svg_url": reverse("manage-space-check-in-code-svg",
                                  kwargs={"space_id": space.pk})}


class ManagerCheckInCodeApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(responses={200: s.CheckInCodeOutputSerializer, **MANAGER_ERRORS},
                   operation_id="manage_space_check_in_code")
    def get(self, request: Request, space_id: int) -> Response:
        """The place's check-in code (created on first call), to print at the entrance."""
        space = _space(request, space_id)
        return Response(s.CheckInCodeOutputSerializer(_check_in_code_body(request, space)).data)


class ManagerCheckInCodeRotateApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(request=None, responses={200: s.CheckInCodeOutputSerializer,
                                            **MANAGER_ERRORS},
                   operation_id="manage_space_check_in_code_rotate")
    def post(self, request: Request, space_id: int) -> Response:
        """Replace the code: printed copies of the old one stop working."""
        space = _space(request, space_id)
        services.space_check_in_code_rotate(space=space)
        return Response(s.CheckInCodeOutputSerializer(_check_in_code_body(request, space)).data)


class ManagerCheckInCodeSvgApi(APIView):
    permission_classes = (IsManager,)
    renderer_classes = (JSONRenderer, SvgRenderer)

    @extend_schema(responses={(200, "image/svg+xml"): str, **MANAGER_ERRORS},
                   operation_id="manage_space_check_in_code_svg")
    def get(self, request: Request, space_id: int) -> HttpResponse:
        """The place's check-in QR code as SVG (encodes {SITE_URL}/checkin/{token})."""
        space = _space(request, space_id)
        return qr_svg(_check_in_code_body(request, space)["url"])


# --- resource blocks --------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(parameters=[s.ResourceBlockFilterInputSerializer],
                       responses={200: s.ResourceBlockOutputSerializer(many=True),
                                  **MANAGER_ERRORS},
                       operation_id="manage_space_blocks_list"),
    retrieve=extend_schema(responses={200: s.ResourceBlockOutputSerializer, **MANAGER_ERRORS},
                           operation_id="manage_space_blocks_retrieve"),
    create=extend_schema(request=s.ResourceBlockInputSerializer,
                         responses={201: s.ResourceBlockOutputSerializer, **MANAGER_ERRORS},
                         operation_id="manage_space_blocks_create"),
    partial_update=extend_schema(request=s.ResourceBlockUpdateInputSerializer,
                                 responses={200: s.ResourceBlockOutputSerializer,
                                            **MANAGER_ERRORS},
                                 operation_id="manage_space_blocks_update"),
    destroy=extend_schema(responses={204: None, **MANAGER_ERRORS},
                          operation_id="manage_space_blocks_delete"),
)
class ResourceBlockManageViewSet(viewsets.ViewSet):
    """Block a resource for maintenance or an event. Creating or moving a block over active
    bookings is refused (409 block_overlaps_bookings, ids in fields.bookings)."""

    permission_classes = (IsManager,)

    def _block(self, request: Request, space_id: int, pk: int) -> ResourceBlock:
        blocks = ResourceBlock.objects.filter(space=_space(request, space_id))
        return get_or_404(lambda: blocks.select_related("resource", "space").get(pk=pk))

    def list(self, request: Request, space_id: int) -> Response:
        space = _space(request, space_id)
        params = s.ResourceBlockFilterInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        blocks = selectors.block_list_for_space(space, **params.validated_data)[:500]
        return Response(s.ResourceBlockOutputSerializer(blocks, many=True).data)

    def retrieve(self, request: Request, space_id: int, pk: int) -> Response:
        block = self._block(request, space_id, pk)
        return Response(s.ResourceBlockOutputSerializer(block).data)

    def create(self, request: Request, space_id: int) -> Response:
        space = _space(request, space_id)
        data = s.ResourceBlockInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        resource = Resource.objects.filter(space=space, pk=v["resource"]).first()
        if resource is None:
            raise serializers.ValidationError({"resource": ["Ressource inconnue dans ce lieu / "
                                                            "unknown resource at this place."]})
        block = services.resource_block_create(resource=resource, start=v["start"], end=v["end"],
                                               reason=v["reason"], actor=user(request))
        return Response(s.ResourceBlockOutputSerializer(block).data, status=201)

    def partial_update(self, request: Request, space_id: int, pk: int) -> Response:
        block = self._block(request, space_id, pk)
        if not isinstance(request.data, dict):
            raise serializers.ValidationError({"non_field_errors": ["Objet JSON attendu / "
                                                                    "expected a JSON object."]})
        data = s.ResourceBlockUpdateInputSerializer(
            data={"start": block.start, "end": block.end, "reason": block.reason,
                  **request.data})
        data.is_valid(raise_exception=True)
        v = data.validated_data
        block = services.resource_block_update(block=block, start=v["start"], end=v["end"],
                                               reason=v["reason"])
        return Response(s.ResourceBlockOutputSerializer(block).data)

    def destroy(self, request: Request, space_id: int, pk: int) -> Response:
        block = self._block(request, space_id, pk)
        services.resource_block_delete(block=block)
        return Response(status=204)


# --- booking policies -------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(operation_id="manage_space_booking_policies_list"),
    create=extend_schema(operation_id="manage_space_booking_policies_create"),
    retrieve=extend_schema(operation_id="manage_space_booking_policies_retrieve"),
    update=extend_schema(operation_id="manage_space_booking_policies_update"),
    partial_update=extend_schema(operation_id="manage_space_booking_policies_partial_update"),
    destroy=extend_schema(operation_id="manage_space_booking_policies_delete"),
)
class BookingPolicyManageViewSet(VersionedUpdateMixin,
                                 viewsets.ModelViewSet[BookingPolicy]):
    """Booking rules per resource kind at a place (a kind without a row uses the network
    defaults, listed by `defaults`). Changes apply to bookings made afterwards. Managers only
    (the front desk sees the day, never the rules); a stale `version` is answered 409 with the
    current rules."""

    permission_classes = (IsManager,)
    serializer_class = s.BookingPolicyManageSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[BookingPolicy]:
        if getattr(self, "swagger_fake_view", False):
            return BookingPolicy.objects.none()
        return BookingPolicy.objects.filter(space=_space(self.request, self.kwargs["space_id"]))

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        data, _version = self.pop_version(serializer)
        serializer.instance = services.booking_policy_create(
            space=_space(self.request, self.kwargs["space_id"]), data=data)

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        assert serializer.instance is not None
        data, version = self.pop_version(serializer)
        serializer.instance = services.booking_policy_update(policy=serializer.instance,
                                                             data=data, version=version)

    @extend_schema(parameters=[VERSION_PARAM])
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().destroy(request, *args, **kwargs)

    def perform_destroy(self, instance: BookingPolicy) -> None:
        services.booking_policy_delete(policy=instance,
                                       version=self.request.query_params.get("version"))


class BookingPolicyDefaultsApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(responses={200: s.BookingPolicyDefaultOutputSerializer(many=True),
                              **MANAGER_ERRORS},
                   operation_id="manage_space_booking_policy_defaults")
    def get(self, request: Request, space_id: int) -> Response:
        """The network's rules for each resource kind: what applies where the place has not
        set its own (the starting values of the manager's form)."""
        _space(request, space_id)
        rows = [{"resource_kind": kind, **asdict(default_policy(kind))}
                for kind in Resource.Kind.values]
        return Response(s.BookingPolicyDefaultOutputSerializer(rows, many=True).data)
