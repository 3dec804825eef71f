"""The demo network is deterministic and shaped like the real Occitanie network."""

from collections import Counter

import pytest

from ostal.spaces.demo import demo_network_create, demo_network_delete
from ostal.spaces.models import Operator, Resource, Space

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple[str, str, str, int]]:
    return sorted((s.slug, s.commune_id, s.kind, s.resources.count())
                  for s in Space.objects.all())


def test_the_same_seed_gives_the_same_network_with_or_without_photos(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_network_create(photos=False)
    first = snapshot()
    demo_network_delete()
    demo_network_create(photos=True)

    assert snapshot() == first


def test_the_network_looks_like_occitanies():
    summary = demo_network_create(photos=False)

    by_department = Counter(Space.objects.values_list("department_code", flat=True))
    carriers = Counter(Operator.objects.values_list("carrier_kind", flat=True))
    assert 110 <= summary.spaces <= 130
    assert len(by_department) == 13
    assert by_department.most_common(2)[0][0] in {"31", "34"}
    assert by_department["48"] >= 10  # notably rural Lozère
    assert 0.50 <= carriers["private"] / sum(carriers.values()) <= 0.62
    truck = Space.objects.get(kind="itinerant")
    assert {s.commune.department_code for s in truck.stops.all()} == {"48"}
    assert Resource.objects.filter(kind="desk").count() > 1000
    day_prices = [p.amount for s in Space.objects.all() for p in s.prices.all()
                  if p.unit == "day" and p.resource_kind == "desk"]
    assert min(day_prices) >= 10
    assert max(day_prices) <= 26
