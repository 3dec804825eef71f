from django.urls import path

from ostal.bookings.api import manage_views as m
from ostal.bookings.api import views as v

SPACE = "manage/spaces/<int:space_id>"

blocks = m.ResourceBlockManageViewSet
policies = m.BookingPolicyManageViewSet

urlpatterns = [
    # public
    path("availability/", v.AvailabilitySearchApi.as_view(), name="availability-search"),
    path("availability/spaces/<slug:slug>/", v.AvailabilityCalendarApi.as_view(),
         name="availability-calendar"),
    # members
    path("bookings/", v.BookingListCreateApi.as_view(), name="bookings"),
    path("bookings/check-in/", v.BookingCheckInApi.as_view(), name="booking-check-in"),
    path("bookings/<int:pk>/", v.BookingDetailApi.as_view(), name="booking-detail"),
    path("bookings/<int:pk>/cancel/", v.BookingCancelApi.as_view(), name="booking-cancel"),
    path("bookings/<int:pk>/qr.svg", v.BookingQrApi.as_view(), name="booking-qr"),
    path("booking-series/", v.BookingSeriesCreateApi.as_view(), name="booking-series"),
    path("booking-series/<int:pk>/", v.BookingSeriesDetailApi.as_view(),
         name="booking-series-detail"),
    path("booking-series/<int:pk>/cancel/", v.BookingSeriesCancelApi.as_view(),
         name="booking-series-cancel"),
    path("waitlist/", v.WaitlistListJoinApi.as_view(), name="waitlist"),
    path("waitlist/<int:pk>/", v.WaitlistDetailApi.as_view(), name="waitlist-detail"),
    path("waitlist/<int:pk>/leave/", v.WaitlistLeaveApi.as_view(), name="waitlist-leave"),
    path("waitlist/<int:pk>/accept/", v.WaitlistAcceptApi.as_view(), name="waitlist-accept"),
    # managers
    path("manage/check-in/", m.ManagerCheckInByCodeApi.as_view(), name="manage-check-in"),
    path("manage/bookings/<int:pk>/", m.ManagerBookingDetailApi.as_view(),
         name="manage-booking-detail"),
    path("manage/bookings/<int:pk>/check-in/", m.ManagerBookingCheckInApi.as_view(),
         name="manage-booking-check-in"),
    path("manage/bookings/<int:pk>/no-show/", m.ManagerBookingNoShowApi.as_view(),
         name="manage-booking-no-show"),
    path("manage/bookings/<int:pk>/cancel/", m.ManagerBookingCancelApi.as_view(),
         name="manage-booking-cancel"),
    path(f"{SPACE}/bookings/", m.ManagerSpaceBookingsApi.as_view(),
         name="manage-space-bookings"),
    path(f"{SPACE}/check-in-code/", m.ManagerCheckInCodeApi.as_view(),
         name="manage-space-check-in-code"),
    path(f"{SPACE}/check-in-code/rotate/", m.ManagerCheckInCodeRotateApi.as_view(),
         name="manage-space-check-in-code-rotate"),
    path(f"{SPACE}/check-in-code.svg", m.ManagerCheckInCodeSvgApi.as_view(),
         name="manage-space-check-in-code-svg"),
    path(f"{SPACE}/resource-blocks/", blocks.as_view({"get": "list", "post": "create"}),
         name="manage-space-blocks"),
    path(f"{SPACE}/resource-blocks/<int:pk>/",
         blocks.as_view({"get": "retrieve", "patch": "partial_update", "delete": "destroy"}),
         name="manage-space-block-detail"),
    path(f"{SPACE}/booking-policies/", policies.as_view({"get": "list", "post": "create"}),
         name="manage-space-booking-policies"),
    path(f"{SPACE}/booking-policies/defaults/", m.BookingPolicyDefaultsApi.as_view(),
         name="manage-space-booking-policy-defaults"),
    path(f"{SPACE}/booking-policies/<int:pk>/",
         policies.as_view({"get": "retrieve", "put": "update", "patch": "partial_update",
                           "delete": "destroy"}),
         name="manage-space-booking-policy-detail"),
]
