"""Public JSON that proxies and browsers may keep: a strong ETag and Cache-Control.

The ETag is a digest of the body itself, so it changes with every write that changes what the
answer shows (a new price, a closure, a photo, a renamed commune, a place unpublished, and
what "today" selects) — including writes made by bulk updates or the worker, which no signal
reports — and never otherwise. A repeat view with `If-None-Match` gets a 304 without the body.

Browsers revalidate every time (max-age=0: a manager who just edited their place sees the
change at once; unchanged, it costs a 304). Shared caches (nginx, a CDN) may serve the response
themselves for `s-maxage` seconds (`PUBLIC_CACHE_SECONDS`, 30 by default; 0: revalidate every
time), then revalidate it with the ETag: behind one, a change reaches visitors within that
time.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from rest_framework.utils.encoders import JSONEncoder


def public_json(request: HttpRequest, data: Any, *, status: int = 200) -> HttpResponse:
    """`data` as compact UTF-8 JSON (as DRF's JSONRenderer writes it), cacheable by anyone;
    a 304 when the client already has this body."""
    body = json.dumps(data, cls=JSONEncoder, ensure_ascii=False, allow_nan=False,
                      separators=(",", ":")).encode()
    etag = f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
    response = get_conditional_response(request, etag=etag) if status == 200 else None
    if response is None:
        response = HttpResponse(body, status=status, content_type="application/json")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True,
                        s_maxage=settings.PUBLIC_CACHE_SECONDS)
    return response
