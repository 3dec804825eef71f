"""Periodic sweeps of the booking engine (scheduled every minute in worker/schedule.py).

Each task is an interface: it calls one service, which claims its due rows with
SELECT ... FOR UPDATE SKIP LOCKED, so overlapping runs or several workers never process a row
twice, and a run lost to a dead worker is simply done by the next one.
"""

from worker.app import app


@app.task(name="bookings.release_expired_holds", ignore_result=True)
def release_expired_holds() -> int:
    """Held bookings past their expiry (unpaid, or an unaccepted waiting-list offer) are
    released and their desks offered to the waiting list. Returns how many."""
    from ostal.bookings.services import booking_release_expired_holds

    return booking_release_expired_holds()


@app.task(name="bookings.release_no_shows", ignore_result=True)
def release_no_shows() -> int:
    """Confirmed bookings not checked in by start + grace become no-shows; their resource
    is free again. Returns how many."""
    from ostal.bookings.services import booking_release_no_shows

    return booking_release_no_shows()


@app.task(name="bookings.expire_waitlist_offers", ignore_result=True)
def expire_waitlist_offers() -> int:
    """Lapsed waiting-list offers expire and pass to the next in line; free capacity is
    offered to waiting entries. Returns how many offers expired."""
    from ostal.bookings.services import waitlist_expire_offers

    return waitlist_expire_offers()
