from django.urls import path

from ostal.calendars.api import views as v

SPACE = "manage/spaces/<int:space_id>"

urlpatterns = [
    path("calendar-feeds/", v.CalendarFeedListCreateApi.as_view(), name="calendar-feeds"),
    path("calendar-feeds/<int:pk>/", v.CalendarFeedDetailApi.as_view(),
         name="calendar-feed-detail"),
    path("calendar-feeds/<int:pk>/regenerate/", v.CalendarFeedRegenerateApi.as_view(),
         name="calendar-feed-regenerate"),
    path("bookings/<int:pk>/ics/", v.BookingIcsApi.as_view(), name="booking-ics"),
    path(f"{SPACE}/external-calendars/", v.ExternalCalendarListCreateApi.as_view(),
         name="manage-space-external-calendars"),
    path(f"{SPACE}/external-calendars/<int:pk>/", v.ExternalCalendarDetailApi.as_view(),
         name="manage-space-external-calendar-detail"),
    path(f"{SPACE}/external-calendars/<int:pk>/sync/", v.ExternalCalendarSyncApi.as_view(),
         name="manage-space-external-calendar-sync"),
]
