"""Disclosure control of the published figures (docs/analytics-method.md, issue 22).

Three tools, applied where a figure is published (ostal.analytics.publications, and the
employers' usage reports; it lives in core so every app can use it):

- **Fixed calendar months only.** Figures are published for a month once it is over and stored
  (`Publication`): they never change after publication, so reading the same month twice, or
  before and after a booking, or two overlapping periods, gives nothing to subtract.
- **Small groups merged, with complementary suppression** (`merge_small`): a group of fewer
  than MIN_GROUP_SIZE people is never published on its own; small groups are merged into one
  « autres » row, and while that row still covers fewer than MIN_GROUP_SIZE people the smallest
  published group joins it. Total minus the published rows is then « autres », which covers at
  least MIN_GROUP_SIZE people (or everything is hidden).
- **Calibrated noise** (`Noise`): counts and sums about people (members, commute days and km)
  get Laplace noise from OpenDP, its scale set by the figure's sensitivity and the share of the
  audience's privacy budget (epsilon) it spends. The noise is drawn once, at publication.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import opendp.prelude as dp

dp.enable_features("contrib")  # make_laplace is in OpenDP's "contrib" set (not yet vetted)

#: No published figure may describe fewer than this many people (DESIGN.md, Privacy).
MIN_GROUP_SIZE = 5

#: The key of the merged row (French first: it is shown as is in CSV files).
OTHERS = "autres"


@dataclass
class Cell:
    """One group of a published table: who it describes (ids, never published) and its
    additive figures."""

    key: str
    people: set[int] = field(default_factory=set)
    values: dict[str, Any] = field(default_factory=dict)

    def absorb(self, other: Cell) -> None:
        self.people |= other.people
        for name, value in other.values.items():
            self.values[name] = self.values.get(name, 0) + value


def is_small(people: int) -> bool:
    """A group that describes someone, but fewer than MIN_GROUP_SIZE people."""
    return 0 < people < MIN_GROUP_SIZE


def merge_small(cells: Iterable[Cell]) -> list[Cell]:
    """The cells to publish: every cell of at least MIN_GROUP_SIZE people (or of nobody) as it
    is, then one « autres » cell holding every small one, grown with the smallest published
    cells until it covers MIN_GROUP_SIZE people (complementary suppression). The order of the
    kept cells is kept; « autres » comes last. When even everything together is small, the one
    « autres » cell is small: the caller hides its figures."""
    kept = list(cells)
    small = [cell for cell in kept if is_small(len(cell.people))]
    if not small:
        return kept
    kept = [cell for cell in kept if not is_small(len(cell.people))]
    others = Cell(OTHERS)
    for cell in small:
        others.absorb(cell)
    while is_small(len(others.people)):
        described = [cell for cell in kept if cell.people]
        if not described:
            break
        smallest = min(described, key=lambda cell: (len(cell.people), cell.key))
        kept.remove(smallest)
        others.absorb(smallest)
    return [*kept, others]


class Noise:
    """Laplace noise on figures about people, from OpenDP's measurement (`make_laplace`).

    `budget` is the audience's epsilon for one month; each figure spends a named share of it
    (`share`). The scale is sensitivity / epsilon spent: one person changes a count by 1, a
    number of days by at most `DAYS_CLIP`, kilometres by at most `KM_CLIP` (their month's
    contribution is clipped to that first). With `budget` None nothing is added (the exact
    figures, for the tests of the formulas and the managers' own places)."""

    def __init__(self, budget: Decimal | None, shares: dict[str, Decimal] | None = None):
        self.budget = budget
        self.shares = shares or {}

    @property
    def enabled(self) -> bool:
        return self.budget is not None

    def epsilon(self, share: str) -> Decimal:
        assert self.budget is not None
        return self.budget * self.shares[share]

    def add(self, value: float | Decimal | int, *, share: str, sensitivity: float) -> float:
        if not self.enabled or sensitivity <= 0:
            return float(value)
        scale = sensitivity / float(self.epsilon(share))
        laplace = dp.m.make_laplace(dp.atom_domain(T=float, nan=False),
                                    dp.absolute_distance(T=float), scale=scale)
        return float(laplace(float(value)))

    def count(self, value: int, *, share: str) -> int:
        """A noisy count of people, rounded, never below 0."""
        return max(0, round(self.add(value, share=share, sensitivity=1.0)))

    def amount(self, value: Decimal | int, *, share: str, sensitivity: float,
               places: str = "0.1") -> Decimal:
        """A noisy sum, rounded to `places`, never below 0 when the exact one is not."""
        noisy = Decimal(str(self.add(value, share=share, sensitivity=sensitivity)))
        if Decimal(value) >= 0:
            noisy = max(noisy, Decimal(0))
        return noisy.quantize(Decimal(places), rounding=ROUND_HALF_UP)


EXACT = Noise(None)
