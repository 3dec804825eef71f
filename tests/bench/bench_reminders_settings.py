"""Settings of the reminder benchmark's workers: production settings, plus an e-mail backend
that builds every message exactly as the SMTP backend would (MIME serialisation included) and
records its Message-ID, instead of talking to a mail server.

Each worker process appends the Message-IDs it "sent" to BENCH_MAIL_LOG_DIR/<pid>.log, one per
line, unbuffered: the benchmark counts duplicates across workers from these files.
"""

import os
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend

from config.settings import *  # noqa: F403

EMAIL_BACKEND = "tests.bench.bench_reminders_settings.CountingEmailBackend"


class CountingEmailBackend(BaseEmailBackend):
    _log: Any = None

    def send_messages(self, email_messages: Any) -> int:
        cls = type(self)
        if cls._log is None:
            directory = os.environ["BENCH_MAIL_LOG_DIR"]
            cls._log = open(os.path.join(directory, f"{os.getpid()}.log"), "a",  # noqa: SIM115
                            buffering=1, encoding="utf-8")
        for message in email_messages:
            raw = message.message().as_bytes()  # the bytes an SMTP server would receive
            assert raw
            cls._log.write(f"{message.extra_headers['Message-ID']}\n")
        return len(email_messages)
