"""The project's own renderer of the nginx template (scripts/render-nginx.py), imported."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "render-nginx.py"
_spec = importlib.util.spec_from_file_location("render_nginx", _SCRIPT)
assert _spec
assert _spec.loader
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)

render_nginx = _module.render
