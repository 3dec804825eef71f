"""The RFC 5545 writer: escaping, folding, VTIMEZONE transitions, ambiguous local times."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ostal.calendars.ics import escape_text, fold, is_ambiguous, param_value, vtimezone

PARIS = ZoneInfo("Europe/Paris")


def test_escapes_backslash_semicolon_comma_and_newlines():
    assert escape_text("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"


def test_drops_control_characters_but_keeps_tabs():
    assert escape_text("a\x00b\x1bc\td\x7f") == "ab" + "c\td"


def test_quotes_parameter_values_with_separators_and_drops_quotes():
    assert param_value("Ada Lovelace") == "Ada Lovelace"
    assert param_value('Réseau "Occitanie", asso; 1901') == '"Réseau Occitanie, asso; 1901"'


@pytest.mark.parametrize("text", ["x" * 75, "x" * 76, "é" * 100, "a" + "€" * 80, "😀" * 40])
def test_folds_at_75_octets_without_splitting_utf8_sequences(text):
    folded = fold(f"SUMMARY:{text}")

    physical = folded.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in physical)
    assert all(line.startswith(" ") for line in physical[1:])
    assert "".join([physical[0], *(line[1:] for line in physical[1:])]) == f"SUMMARY:{text}"


def test_short_ascii_lines_are_left_alone():
    assert fold("STATUS:CONFIRMED") == "STATUS:CONFIRMED"


def test_vtimezone_writes_onsets_in_the_offset_before_the_change():
    block = vtimezone("Europe/Paris", 2026, 2026)

    lines = block.text.split("\r\n")
    # Spring: 02:00 CET becomes 03:00 CEST; autumn: 03:00 CEST becomes 02:00 CET.
    daylight = lines[lines.index("BEGIN:DAYLIGHT") + 1:lines.index("END:DAYLIGHT")]
    assert daylight[:3] == ["DTSTART:20260329T020000", "TZOFFSETFROM:+0100",
                            "TZOFFSETTO:+0200"]
    last_standard = len(lines) - 1 - lines[::-1].index("BEGIN:STANDARD")
    assert lines[last_standard + 1:last_standard + 4] == [
        "DTSTART:20261025T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100"]
    assert block.transition_dates == {dt.date(2026, 3, 29), dt.date(2026, 10, 25)}


def test_vtimezone_covers_every_year_asked_with_one_observance_per_change():
    block = vtimezone("Europe/Paris", 2026, 2028)

    onsets = [line for line in block.text.split("\r\n") if line.startswith("DTSTART:")]
    assert onsets == ["DTSTART:20260101T000000",
                      "DTSTART:20260329T020000", "DTSTART:20261025T030000",
                      "DTSTART:20270328T020000", "DTSTART:20271031T030000",
                      "DTSTART:20280326T020000", "DTSTART:20281029T030000"]
    assert "RDATE" not in block.text
    assert "RRULE" not in block.text


def test_vtimezone_of_a_zone_without_changes_has_one_observance():
    block = vtimezone("America/Cayenne", 2026, 2026)

    assert block.text.count("BEGIN:STANDARD") == 1
    assert "TZOFFSETTO:-0300" in block.text
    assert block.transition_dates == frozenset()


def test_only_the_repeated_hour_of_the_autumn_change_is_ambiguous():
    first = dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC).astimezone(PARIS)
    second = dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC).astimezone(PARIS)
    after = dt.datetime(2026, 10, 25, 2, 30, tzinfo=dt.UTC).astimezone(PARIS)

    assert (first.hour, second.hour) == (2, 2)
    assert is_ambiguous(first)
    assert is_ambiguous(second)
    assert not is_ambiguous(after)
    assert not is_ambiguous(dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC).astimezone(PARIS))
