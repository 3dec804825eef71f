"""Accent- and case-folded text for the commune search, the same in Python and in SQL.

`fold("Saint-Christol-lez-Alès")` is "saint christol lez ales": accents dropped, ligatures
spelled out, hyphens and apostrophes turned into spaces, lowercase. `Folded(expression)` is the
same in SQL: one `translate()` on PostgreSQL (no `unaccent` extension, so no migration), and on
SQLite a call to this module's `fold`, registered on every new SQLite connection (SQLite's own
lower() knows only ASCII, and ~60 nested replace() overflow its parser stack).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import CharField, Func, Value
from django.db.models.functions import Lower, Replace
from django.db.models.sql.compiler import SQLCompiler

_ACCENTED = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿ"
_SINGLE = {
    **{letter: unicodedata.normalize("NFKD", letter)[0] for letter in _ACCENTED},
    **{letter.upper(): unicodedata.normalize("NFKD", letter)[0] for letter in _ACCENTED},
    "-": " ", "'": " ", "\N{RIGHT SINGLE QUOTATION MARK}": " ",
}
_LIGATURES = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"}
_TABLE = str.maketrans({**_SINGLE, **_LIGATURES})
SQLITE_FUNCTION = "OSTAL_FOLD"


def fold(text: str | None) -> str | None:
    """Lowercase, without accents or ligatures, hyphens and apostrophes as spaces."""
    if text is None:  # SQL NULL
        return None
    return unicodedata.normalize("NFC", text).translate(_TABLE).lower()


class Folded(Func):
    """`fold()` of a text expression, in SQL: `OSTAL_FOLD(x)` on SQLite (registered below),
    `translate()` on PostgreSQL. Other databases are not supported."""

    function = SQLITE_FUNCTION
    arity = 1
    output_field = CharField()

    def as_postgresql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper,
                      **extra_context: Any) -> tuple[str, Any]:
        # translate() maps one character to one; the ligatures need a replace() each.
        # Upper-case accented letters are in the map because lower() of a "C" collation
        # folds ASCII only.
        expression: Func = Func(self.source_expressions[0], Value("".join(_SINGLE)),
                                Value("".join(_SINGLE.values())), function="TRANSLATE",
                                output_field=CharField())
        for ligature, letters in _LIGATURES.items():
            expression = Replace(expression, Value(ligature), Value(letters))
        return compiler.compile(Lower(expression))


def register_sqlite_function(sender: Any, connection: BaseDatabaseWrapper,
                             **kwargs: Any) -> None:
    """`connection_created` receiver: gives each new SQLite connection `OSTAL_FOLD(text)`.

    A signal because Django offers no other hook into connection setup; it does nothing on
    PostgreSQL, where `Folded` is plain SQL.
    """
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)
