"""Team API: an operator's managers and front desk, invitations, acceptance.

An operator outside the caller's reach answers 404 (a manager of another operator learns
nothing); someone who manages nothing gets 403. Views parse, call one service or selector,
serialize."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.core.api.permissions import IsManager, IsPlaceStaff, acting_user
from ostal.spaces.models import Operator, Space
from ostal.teams import selectors, services
from ostal.teams.api import serializers as s
from ostal.teams.errors import TeamError
from ostal.teams.models import TeamInvitation

ERRORS = f"\n\nError codes:\n\n{TeamError.catalogue_markdown()}"


def _operator(request: Request, operator_id: int) -> Operator:
    return get_object_or_404(selectors.operators_for_team_admin(acting_user(request)),
                             pk=operator_id)


def _team_body(operator: Operator) -> dict[str, object]:
    return s.TeamOutputSerializer(selectors.team_get(operator)).data


class TeamApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(responses={200: s.TeamOutputSerializer}, operation_id="manage_team_retrieve")
    def get(self, request: Request, operator_id: int) -> Response:
        """The operator's managers and front desk, and the open invitations (addresses only)."""
        return Response(_team_body(_operator(request, operator_id)))


class TeamInvitationListApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(request=s.TeamInviteInputSerializer,
                   responses={202: s.TeamInviteOutputSerializer},
                   operation_id="manage_team_invite", description="Invite someone by e-mail "
                   "(managers: co-managers and front desk). The answer is the same whether the "
                   "address has an account or not; the person joins once they accept the "
                   "link mailed to them (FR then EN)." + ERRORS)
    def post(self, request: Request, operator_id: int) -> Response:
        operator = _operator(request, operator_id)
        data = s.TeamInviteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = services.team_invite(actor=acting_user(request), operator=operator,
                                          email=data.validated_data["email"],
                                          role=data.validated_data["role"])
        return Response(s.TeamInviteOutputSerializer(invitation).data,
                        status=status.HTTP_202_ACCEPTED)


class TeamInvitationDetailApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(responses={204: None}, operation_id="manage_team_invitation_revoke")
    def delete(self, request: Request, operator_id: int, invitation_id: int) -> Response:
        """Withdraw an open invitation: its link stops working."""
        operator = _operator(request, operator_id)
        invitation = get_object_or_404(TeamInvitation.objects.filter(operator=operator),
                                       pk=invitation_id)
        services.team_invitation_revoke(actor=acting_user(request), invitation=invitation)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TeamMemberApi(APIView):
    permission_classes = (IsManager,)
    role: str = TeamInvitation.Role.MANAGER

    @extend_schema(responses={204: None}, description="Take someone off the team." + ERRORS)
    def delete(self, request: Request, operator_id: int, user_id: int) -> Response:
        services.team_member_remove(actor=acting_user(request),
                                    operator=_operator(request, operator_id),
                                    user_id=user_id, role=self.role)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TeamManagerApi(TeamMemberApi):
    role = TeamInvitation.Role.MANAGER

    @extend_schema(responses={204: None}, operation_id="manage_team_manager_remove",
                   description="Take a manager off the team (an operator keeps one)." + ERRORS)
    def delete(self, request: Request, operator_id: int, user_id: int) -> Response:
        return super().delete(request, operator_id, user_id)


class TeamFrontDeskApi(TeamMemberApi):
    role = TeamInvitation.Role.FRONT_DESK

    @extend_schema(responses={204: None}, operation_id="manage_team_front_desk_remove",
                   description="Take someone off the front desk." + ERRORS)
    def delete(self, request: Request, operator_id: int, user_id: int) -> Response:
        return super().delete(request, operator_id, user_id)


class TeamInvitationPreviewApi(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(responses={200: s.TeamInvitationPreviewOutputSerializer,
                              404: OpenApiResponse(description="Unknown link.")},
                   operation_id="team_invitation_preview")
    def get(self, request: Request, token: str) -> Response:
        """What an invitation link invites to (the operator and the role), for its page."""
        invitation = selectors.invitation_for_token(token)
        if invitation is None:
            raise NotFound("Invitation inconnue. / Unknown invitation.")
        return Response(s.TeamInvitationPreviewOutputSerializer({
            "operator_name": invitation.operator.name, "role": invitation.role,
            "state": selectors.invitation_state(invitation),
            "expires_at": invitation.expires_at}).data)


class TeamInvitationAcceptApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(request=s.TeamInvitationAcceptInputSerializer,
                   responses={200: s.TeamInvitationAcceptOutputSerializer},
                   operation_id="team_invitation_accept",
                   description="Join the team, logged in with the invited address." + ERRORS)
    def post(self, request: Request) -> Response:
        data = s.TeamInvitationAcceptInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = services.team_invitation_accept(user=acting_user(request),
                                                     token=data.validated_data["token"])
        return Response(s.TeamInvitationAcceptOutputSerializer({
            "operator_id": invitation.operator_id, "operator_name": invitation.operator.name,
            "role": invitation.role}).data)


class StaffedSpaceListApi(APIView):
    permission_classes = (IsPlaceStaff,)

    @extend_schema(responses={200: s.StaffedSpaceOutputSerializer(many=True)},
                   operation_id="front_desk_spaces")
    def get(self, request: Request) -> Response:
        """The places whose day the caller sees and where they check people in (the front
        desk's and managers' places; every place for the network), by name."""
        spaces = (Space.objects.staffed_by(acting_user(request)).select_related("operator")
                  .order_by("name"))
        return Response(s.StaffedSpaceOutputSerializer(spaces, many=True).data)
