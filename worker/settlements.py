"""Monthly settlements with operators (scheduled daily in worker/schedule.py).

`billing.run_settlements` (re)computes the previous month's draft statements and closes the
months whose review period has passed. Recomputing a draft is deterministic (same inputs, same
lines, same PDF and CSV bytes); a closed statement never changes. Each operator's statement is
computed in its own transaction holding that operator's settlement row lock, so two runs at
once produce one statement, not two.
"""

from typing import Any

from worker.app import app


@app.task(name="billing.run_settlements", ignore_result=True, acks_late=True)
def run_settlements() -> dict[str, Any]:
    """Drafts for last month, closing of months past their review period. Returns counts."""
    from ostal.billing.settlements import settlements_run

    return settlements_run()
