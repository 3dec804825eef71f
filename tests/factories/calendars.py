"""factory-boy factories for the calendars app.

CalendarFeedFactory writes the row directly with a known token: `feed.token` (a plain
attribute, not stored) is the secret the feed answers to. Use the services to test rules.
"""

import secrets

import factory
from factory.django import DjangoModelFactory

from ostal.calendars.models import CalendarFeed, ExternalCalendar
from ostal.calendars.selectors import hash_token
from tests.factories import SpaceFactory, UserFactory


class CalendarFeedFactory(DjangoModelFactory[CalendarFeed]):
    class Meta:
        model = CalendarFeed

    kind = CalendarFeed.Kind.MEMBER
    owner = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class: type[CalendarFeed], *args: object,
                **kwargs: object) -> CalendarFeed:
        token = secrets.token_urlsafe(32)
        kwargs["token_hash"] = hash_token(token)
        feed = super()._create(model_class, *args, **kwargs)
        feed.token = token  # type: ignore[attr-defined]
        return feed


class ExternalCalendarFactory(DjangoModelFactory[ExternalCalendar]):
    class Meta:
        model = ExternalCalendar

    space = factory.SubFactory(SpaceFactory)
    name = factory.Sequence(lambda n: f"Calendrier {n}")
    url = factory.Sequence(lambda n: f"https://calendar.example.org/{n}.ics")
