"""Notifications API: the logged-in person's e-mail choices. Thin: parse, call one service."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.core.api.permissions import acting_user
from ostal.notifications.api import serializers as s
from ostal.notifications.services import (
    PreferenceChange,
    notification_preferences_update,
    preference_for,
)


class NotificationPreferenceApi(APIView):
    """GET / PATCH /notifications/preferences/ — changes apply to mail already queued
    (pending reminders move to the new lead time or are cancelled)."""

    @extend_schema(responses=s.NotificationPreferenceOutputSerializer,
                   operation_id="notification_preferences_retrieve")
    def get(self, request: Request) -> Response:
        pref = preference_for(acting_user(request).pk)
        return Response(s.NotificationPreferenceOutputSerializer(pref).data)

    @extend_schema(request=s.NotificationPreferenceUpdateInputSerializer,
                   responses=s.NotificationPreferenceOutputSerializer,
                   operation_id="notification_preferences_update")
    def patch(self, request: Request) -> Response:
        data = s.NotificationPreferenceUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pref = notification_preferences_update(user=acting_user(request),
                                               change=PreferenceChange(**data.validated_data))
        return Response(s.NotificationPreferenceOutputSerializer(pref).data)
