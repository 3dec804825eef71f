"""Fill `Booking.confirmed_at` for the bookings made before it existed.

A booking was confirmed at some point if it is confirmed, checked in or a no-show, or if it
was cancelled after its hold was lifted: `booking_confirm_hold` clears `expires_at`, and a
booking created confirmed never had one, so a cancelled booking that kept its `expires_at` was
cancelled while held. Still held, expired (a hold that lapsed) and cancelled-while-held
bookings stay empty. The moment of confirmation was not recorded: the creation time stands in
for it (it only matters whether it is empty)."""

from django.db import migrations
from django.db.models import F, Q


def fill(apps, schema_editor):
    Booking = apps.get_model("bookings", "Booking")
    Booking.objects.filter(confirmed_at__isnull=True).filter(
        Q(status__in=["confirmed", "checked_in", "no_show"])
        | Q(status="cancelled", expires_at__isnull=True),
    ).update(confirmed_at=F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ("bookings", "0003_booking_confirmed_at"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
