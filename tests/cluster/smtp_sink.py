"""The cluster's mail server: an aiosmtpd server that appends one JSON line per message
(Message-ID, recipients, subject) to a file. Runs inside the "mail" host's namespace.

    python tests/cluster/smtp_sink.py ADDRESS PORT OUTPUT.jsonl
"""

from __future__ import annotations

import email
import email.policy
import json
import signal
import sys
import threading
from typing import Any

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, path: str) -> None:
        self.path = path
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        line = json.dumps({"message_id": str(message["Message-ID"]),
                           "to": list(envelope.rcpt_tos), "subject": str(message["Subject"])})
        with self.lock, open(self.path, "a", encoding="utf-8") as out:
            out.write(line + "\n")
        return "250 Message accepted for delivery"


def main() -> None:
    address, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    controller = Controller(Sink(path), hostname=address, port=port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
