"""Locks of the booking engine, in the one order every service takes them:

1. the member (transaction-level advisory lock): serialises one member's bookings, so
   per-member limits and idempotency keys are checked and written without a race;
2. a booking row (`SELECT ... FOR UPDATE`) when changing or cancelling it;
3. one resource row at a time (`SELECT ... FOR UPDATE`, inside a savepoint that is rolled back
   when the resource turns out to be taken, which releases the row lock).

On SQLite all of these are no-ops: write transactions start with BEGIN IMMEDIATE, so the whole
check-then-insert is already serialised. On PostgreSQL the exclusion constraint
`booking_no_overlap` stays the last line of defence; its violation (23P01), a deadlock (40P01)
or a lock timeout (55P03) are "conflicts": the service tries another free resource.
"""

from django.db import DatabaseError, connection

from ostal.spaces.models import Resource

# First key of the two-int advisory lock space; the second is the member id.
MEMBER_LOCK_NAMESPACE = 7301
LOCK_TIMEOUT = "5s"
CONFLICT_SQLSTATES = frozenset({"23P01", "40P01", "55P03"})


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def lock_member(member_id: int) -> None:
    """Serialise the bookings of one member until the end of the current transaction."""
    if not is_postgres():
        return
    with connection.cursor() as cursor:
        # One round trip: the FROM clause sets the transaction's lock timeout (SET LOCAL)
        # before the lock is waited for.
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s) "
                       "FROM (SELECT set_config('lock_timeout', %s, true) AS value) AS timeout "
                       "WHERE timeout.value IS NOT NULL",
                       [MEMBER_LOCK_NAMESPACE, member_id, LOCK_TIMEOUT])


def lock_resource(resource_id: int) -> bool:
    """Row-lock one resource; False if it does not exist (or is inactive) any more."""
    return Resource.objects.select_for_update().filter(pk=resource_id,
                                                       is_active=True).exists()


def sqlstate(exc: BaseException) -> str | None:
    cause = exc.__cause__ or exc.__context__
    return getattr(cause, "sqlstate", None) or getattr(exc, "sqlstate", None)


def is_conflict(exc: DatabaseError) -> bool:
    """An overlap refused by the exclusion constraint, a deadlock or a lock timeout."""
    return sqlstate(exc) in CONFLICT_SQLSTATES
