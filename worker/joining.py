"""Joining the network (ostal.joining): mail to applicants and the census import.

`joining.send_messages` mails the pending outbox rows (`ostal.joining.outbox`): nudged after
the commit that wrote them, and swept every five minutes (worker/schedule.py) in case the
nudge was lost. `joining.census_check` and `joining.census_apply` run large census files,
enqueued after the commit that stored or claimed them."""

from worker.app import app


@app.task(name="joining.send_messages", ignore_result=True, acks_late=True)
def send_messages() -> int:
    from ostal.joining.outbox import messages_send_pending

    return messages_send_pending()


@app.task(name="joining.census_check", ignore_result=True, acks_late=True)
def census_check(census_id: int) -> None:
    """Check every row of a large census file (the preview), saving progress as it goes."""
    from ostal.joining.census.services import census_check as check

    check(census_id=census_id)


@app.task(name="joining.census_apply", ignore_result=True, acks_late=True)
def census_apply(census_id: int) -> None:
    """Apply a large census import claimed by a network admin, row by row."""
    from ostal.joining.census.services import census_apply as apply

    apply(census_id=census_id)
