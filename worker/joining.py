"""Mail to applicants to join the network (scheduled in worker/schedule.py).

`joining.send_messages` mails the pending outbox rows (`ostal.joining.outbox`): nudged after
the commit that wrote them, and swept every five minutes in case the nudge was lost."""

from worker.app import app


@app.task(name="joining.send_messages", ignore_result=True, acks_late=True)
def send_messages() -> int:
    from ostal.joining.outbox import messages_send_pending

    return messages_send_pending()
