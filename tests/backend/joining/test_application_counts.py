"""The observatory's counts of applications: by department, stage and need, every figure
describing at least 5 applications."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from ostal.joining.selectors import application_counts
from tests.backend.joining.conftest import make_application

pytestmark = pytest.mark.django_db


def counts_of(groups: list) -> dict[str, int]:  # type: ignore[type-arg]
    return {group.key: group.count for group in groups}


def test_nothing_is_shown_under_five_applications() -> None:
    for _ in range(4):
        make_application()

    counts = application_counts()

    assert counts.total is None
    assert counts.by_department == counts.by_stage == counts.by_need == []


def test_small_groups_are_merged_into_others() -> None:
    for _ in range(6):
        make_application(department_insee="48095", stage="creation", needs=["financing"])
    for _ in range(5):
        make_application(department_insee="31555", stage="extension", needs=["financing"])
    make_application(department_insee="34172", stage="creation", needs=["training"])
    make_application(department_insee="09122", stage="creation", needs=["training"])

    counts = application_counts()

    assert counts.total == 13
    # 34 and 09 (one each) are too small alone, and "Autres" with 2 is still too small: the
    # smallest department shown (31, five) joins them.
    assert counts_of(counts.by_department) == {"48": 6, "other": 7}
    assert counts_of(counts.by_stage) == {"creation": 8, "extension": 5}
    # training (2) alone would let anyone subtract it from the total: it takes financing along.
    assert counts_of(counts.by_need) == {"other": 13}


def test_a_need_counts_each_application_once_in_others() -> None:
    for _ in range(5):
        make_application(needs=["financing", "promotion", "training"])

    counts = application_counts()

    assert counts_of(counts.by_need) == {"financing": 5, "promotion": 5, "training": 5}


def test_the_api_labels_the_groups(client_as: Callable[[str], APIClient]) -> None:
    for _ in range(5):
        make_application(needs=["engineering"])

    body = client_as("network_admin_nina").get("/api/v1/network/applications/observatory/").json()

    assert body["total"] == 5
    assert body["min_group_size"] == 5
    assert body["by_department"] == [{"key": "48", "label": "48 Lozère", "count": 5}]
    assert body["by_need"][0]["label"] == "Accompagnement / ingénierie"
