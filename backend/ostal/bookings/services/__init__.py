"""Writes of the booking engine (one module per job; import from here)."""

from ostal.bookings.services.blocks import (
    resource_block_create,
    resource_block_delete,
    resource_block_update,
)
from ostal.bookings.services.bookings import (
    BookingChange,
    BookingResult,
    booking_cancel,
    booking_change,
    booking_create,
)
from ostal.bookings.services.check_in import (
    booking_check_in,
    booking_check_in_with_signed_code,
    booking_check_in_with_space_token,
    booking_mark_no_show,
    booking_signed_code,
    space_check_in_code_get_or_create,
    space_check_in_code_rotate,
)
from ostal.bookings.services.engine import (
    BookingContext,
    BookingRequest,
    booking_close,
    booking_confirm_hold,
)
from ostal.bookings.services.policies import (
    booking_policy_create,
    booking_policy_delete,
    booking_policy_update,
)
from ostal.bookings.services.series import (
    SeriesRequest,
    booking_series_cancel,
    booking_series_create,
)
from ostal.bookings.services.sweeps import booking_release_expired_holds, booking_release_no_shows
from ostal.bookings.services.waitlist import (
    waitlist_accept,
    waitlist_expire_offers,
    waitlist_join,
    waitlist_leave,
    waitlist_offer_freed,
)

__all__ = [
    "BookingChange",
    "BookingContext",
    "BookingRequest",
    "BookingResult",
    "SeriesRequest",
    "booking_cancel",
    "booking_change",
    "booking_check_in",
    "booking_check_in_with_signed_code",
    "booking_check_in_with_space_token",
    "booking_close",
    "booking_confirm_hold",
    "booking_create",
    "booking_mark_no_show",
    "booking_policy_create",
    "booking_policy_delete",
    "booking_policy_update",
    "booking_release_expired_holds",
    "booking_release_no_shows",
    "booking_series_cancel",
    "booking_series_create",
    "booking_signed_code",
    "resource_block_create",
    "resource_block_delete",
    "resource_block_update",
    "space_check_in_code_get_or_create",
    "space_check_in_code_rotate",
    "waitlist_accept",
    "waitlist_expire_offers",
    "waitlist_join",
    "waitlist_leave",
    "waitlist_offer_freed",
]
