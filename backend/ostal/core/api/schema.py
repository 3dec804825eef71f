"""OpenAPI post-processing: the committed schema says exactly what the server answers.

Local times (`format: time` in drf-spectacular) are HH:MM or HH:MM:SS wall-clock times of a
place, without a UTC offset; OpenAPI's `time` format is RFC 3339's full-time, which requires
one, so every answer failed a strict validator. They are described by a pattern instead
(`local_times_as_patterns`).

The committed schema must not depend on the database backend either.

Django gives integer model fields min/max validators from the backend's column range
(PostgreSQL: 32767 for small integers, 2147483647 for integers; SQLite: 64-bit for all), so the
same code would produce a different schema on each database and the drift check would fail on
one of them. Bounds equal to such a column range are storage limits, not API rules: drop them.
"""

from typing import Any

STORAGE_LIMITS = {32767, -32768, 2147483647, -2147483648, 9223372036854775807,
                  -9223372036854775808}


def drop_storage_integer_limits(result: dict[str, Any], generator: Any, request: Any,
                                public: bool) -> dict[str, Any]:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for bound in ("maximum", "minimum"):  # on integers and on allOf-wrapped enums
                if node.get(bound) in STORAGE_LIMITS:
                    del node[bound]
            if node.get("type") == "integer" and node.get("format") == "int64":
                del node["format"]  # derived from SQLite's 64-bit range
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result


LOCAL_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"


def local_times_as_patterns(result: dict[str, Any], generator: Any, request: Any,
                            public: bool) -> dict[str, Any]:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "string" and node.get("format") == "time":
                del node["format"]
                node["pattern"] = LOCAL_TIME_PATTERN
                node.setdefault("example", "09:30")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result
