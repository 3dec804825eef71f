#!/usr/bin/env python3
"""Render deploy/nginx.conf.template as the nginx image does (envsubst of ${OSTAL_*} only).

    scripts/render-nginx.py OSTAL_LISTEN=127.0.0.1:8080 OSTAL_BACKEND=http://127.0.0.1:8000 ...

Values not given on the command line come from the environment; a missing one is an error.
Used by the tests (tests/deploy) and the multi-host cluster (tests/cluster); the nginx image
renders the same template itself (deploy/Dockerfile).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf.template"
PLACEHOLDER = re.compile(r"\$\{(OSTAL_[A-Z_]+)\}")


def render(values: dict[str, str], template: Path = TEMPLATE) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"{name} is not set")
        return values[name]

    return PLACEHOLDER.sub(value, template.read_text())


if __name__ == "__main__":
    given = dict(arg.split("=", 1) for arg in sys.argv[1:])
    sys.stdout.write(render({**{k: v for k, v in os.environ.items()
                                if k.startswith("OSTAL_")}, **given}))
