from django.urls import path

from ostal.notifications.api import views as v

urlpatterns = [
    path("notifications/preferences/", v.NotificationPreferenceApi.as_view(),
         name="notification-preferences"),
]
