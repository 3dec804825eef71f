"""Invoice PDFs (reportlab) with the French mandatory mentions; Factur-X for business buyers.

Fonts are embedded TrueType (Bitstream Vera, shipped with reportlab) and the document carries
an sRGB output intent, two PDF/A requirements; `factur-x` then embeds the CII XML and writes
the PDF/A-3 XMP metadata. The file is rendered once, on first download, and cached on the
invoice row with a conditional UPDATE (the only write an issued invoice ever gets).
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from pathlib import Path

import reportlab
from django.core.files.base import ContentFile
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from ostal.billing.invoicing.issue import LEGAL_TIMEZONE, vat_breakdown
from ostal.billing.models import Invoice

_FONT_DIR = Path(reportlab.__file__).resolve().parent / "fonts"
FONT, FONT_BOLD = "OstalVera", "OstalVeraBold"


def _register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(_FONT_DIR / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(_FONT_DIR / "VeraBd.ttf")))


def _eur(amount: Decimal, currency: str) -> str:
    text = f"{amount:,.2f}".replace(",", " ").replace(".", ",")
    return f"{text} €" if currency == "EUR" else f"{text} {currency}"


def _rate(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f} %".replace(".", ",")


class _Writer:
    """A tiny top-down text writer over a reportlab canvas, with page breaks."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.y = A4[1] - 20 * mm

    def line(self, text: str, *, size: float = 9, bold: bool = False, x: float = 20 * mm,
             gap: float = 4.6 * mm) -> None:
        if self.y < 25 * mm:
            self.canvas.showPage()
            self.y = A4[1] - 20 * mm
        self.canvas.setFont(FONT_BOLD if bold else FONT, size)
        self.canvas.drawString(x, self.y, text)
        self.y -= gap

    def wrapped(self, text: str, *, size: float = 8, width: float = 170 * mm,
                x: float = 20 * mm, bold: bool = False) -> None:
        for part in wrap(text, font=FONT_BOLD if bold else FONT, size=size, width=width):
            self.line(part, size=size, gap=3.8 * mm, x=x, bold=bold)

    def row(self, cells: list[tuple[float, str]], *, bold: bool = False,
            first_column: list[str] | None = None) -> None:
        """One table row: `cells` at x mm (negative: right-aligned at -x mm); the first
        column may run over several lines (`first_column`), the row is as tall as it."""
        extra = first_column[1:] if first_column else []
        needed = (1 + len(extra)) * 4.2 * mm
        if self.y - needed < 25 * mm:
            self.canvas.showPage()
            self.y = A4[1] - 20 * mm
        self.canvas.setFont(FONT_BOLD if bold else FONT, 8.5)
        for x, text in cells:
            if x < 0:
                self.canvas.drawRightString(-x * mm, self.y, text)
            else:
                self.canvas.drawString(x * mm, self.y, text)
        for text in extra:
            self.y -= 4.2 * mm
            self.canvas.drawString(cells[0][0] * mm, self.y, text)
        self.y -= 5.2 * mm


def wrap(text: str, *, font: str, size: float, width: float) -> list[str]:
    """`text` broken into lines no wider than `width` points in `font`; a word longer than a
    line is cut by characters, never dropped."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while stringWidth(word, font, size) > width:
            cut = len(word)
            while cut > 1 and stringWidth(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


# Table columns (mm): the designation wraps within its own width; numbers are right-aligned
# with room for "12 345,67 €" at 8.5 pt (about 17 mm), so no two headers ever touch.
COL_DESIGNATION, DESIGNATION_WIDTH = 20, 84 * mm
COL_QTY, COL_UNIT, COL_RATE, COL_NET, COL_GROSS = -114, -136, -150, -171, -192


def render_invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice as a plain PDF (the Factur-X wrapper is added by `invoice_pdf_bytes`)."""
    _register_fonts()
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True, pageCompression=1)
    title = "Facture" if invoice.doc_type == Invoice.DocType.INVOICE else "Avoir"
    canvas.setTitle(f"{title} {invoice.number}")
    canvas.setAuthor(str(invoice.seller.get("legal_name", "")))
    canvas.setSubject(f"{title} {invoice.number}")
    write = _Writer(canvas)
    seller, buyer = invoice.seller, invoice.buyer_snapshot
    issued = timezone.localtime(invoice.issued_at, LEGAL_TIMEZONE)

    write.line(f"{title} n° {invoice.number}", size=15, bold=True, gap=7 * mm)
    write.line(f"Date d'émission : {issued:%d/%m/%Y}")
    write.line(f"Date de la prestation : {invoice.service_date:%d/%m/%Y}")
    if invoice.credited_invoice_id:
        write.line(f"Avoir sur la facture n° {invoice.credited_invoice.number}")  # type: ignore[union-attr]
    write.y -= 3 * mm

    write.line("Vendeur", bold=True)
    write.line(f"{seller.get('legal_name', '')} — {seller.get('legal_form', '')}")
    if seller.get("address"):
        write.wrapped(str(seller["address"]), size=9)
    if seller.get("siret"):
        write.line(f"SIREN {seller.get('siren', '')} — SIRET {seller['siret']}")
    if seller.get("vat_number"):
        write.line(f"N° TVA intracommunautaire : {seller['vat_number']}")
    if invoice.on_behalf_of:
        issuer = invoice.issuer
        write.wrapped(f"Émise par {issuer.get('legal_name', '')}, {issuer.get('address', '')}"
                      + (f", SIRET {issuer['siret']}" if issuer.get("siret") else ""), size=8)
    write.y -= 3 * mm

    write.line("Client", bold=True)
    write.line(str(buyer.get("name", "")))
    if buyer.get("address"):
        write.wrapped(str(buyer["address"]), size=9)
    if buyer.get("siret"):
        write.line(f"SIREN {buyer.get('siren', '')} — SIRET {buyer['siret']}")
    if buyer.get("vat_number"):
        write.line(f"N° TVA intracommunautaire : {buyer['vat_number']}")
    if buyer.get("service_code"):
        write.line(f"Code service : {buyer['service_code']}")
    if buyer.get("engagement_number"):
        write.line(f"N° d'engagement : {buyer['engagement_number']}")
    if buyer.get("purchase_order"):
        write.line(f"Bon de commande n° {buyer['purchase_order']}")
    if invoice.delivery.get("address"):
        write.wrapped("Lieu de la prestation : " + ", ".join(filter(None, [
            str(invoice.delivery.get("name") or ""), str(invoice.delivery["address"])])),
            size=9)
    write.y -= 4 * mm

    write.row([(COL_DESIGNATION, "Désignation"), (COL_QTY, "Qté"), (COL_UNIT, "PU HT"),
               (COL_RATE, "TVA"), (COL_NET, "Total HT"), (COL_GROSS, "Total TTC")],
              bold=True)
    for line in invoice.lines.all():
        designation = wrap(line.description, font=FONT, size=8.5, width=DESIGNATION_WIDTH)
        write.row([(COL_DESIGNATION, designation[0] if designation else ""),
                   (COL_QTY, f"{line.quantity.normalize():f}".replace(".", ",")),
                   (COL_UNIT, _eur(line.unit_price_net.quantize(Decimal("0.01")),
                                   invoice.currency)),
                   (COL_RATE, _rate(line.vat_rate)),
                   (COL_NET, _eur(line.net, invoice.currency)),
                   (COL_GROSS, _eur(line.gross, invoice.currency))],
                  first_column=designation)
    write.y -= 3 * mm

    write.line("Récapitulatif de TVA", bold=True)
    for group in vat_breakdown(invoice):
        write.row([(20, f"Taux {_rate(group['rate'])}"),  # type: ignore[arg-type]
                   (-150, f"Base HT {_eur(group['base'], invoice.currency)}"),  # type: ignore[arg-type]
                   (-192, f"TVA {_eur(group['vat'], invoice.currency)}")])  # type: ignore[arg-type]
    write.y -= 2 * mm
    write.row([(120, "Total HT"), (-192, _eur(invoice.total_net, invoice.currency))])
    write.row([(120, "Total TVA"), (-192, _eur(invoice.total_vat, invoice.currency))])
    write.row([(120, "Total TTC"), (-192, _eur(invoice.total_gross, invoice.currency))],
              bold=True)
    write.y -= 4 * mm

    for mention in invoice.vat_mentions:
        write.wrapped(str(mention))
    write.wrapped(invoice.payment_terms)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _srgb_icc_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _add_output_intent(pdf: bytes) -> bytes:
    """Add the sRGB OutputIntent PDF/A asks for (reportlab does not write one)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf)))
    icc = DecodedStreamObject()
    icc.set_data(_srgb_icc_profile())
    icc[NameObject("/N")] = NumberObject(3)
    intent = DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFA1"),
        NameObject("/OutputConditionIdentifier"): TextStringObject("sRGB IEC61966-2.1"),
        NameObject("/Info"): TextStringObject("sRGB IEC61966-2.1"),
        NameObject("/DestOutputProfile"): writer._add_object(icc),
    })
    writer._root_object[NameObject("/OutputIntents")] = ArrayObject(
        [writer._add_object(intent)])
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def invoice_pdf_bytes(invoice: Invoice) -> bytes:
    """The document as delivered: Factur-X (PDF/A-3 + CII XML) for business buyers, a plain
    PDF otherwise."""
    pdf = render_invoice_pdf(invoice)
    if not invoice.is_business:
        return pdf
    from facturx import generate_from_binary

    from ostal.billing.invoicing.facturx import FACTURX_LEVEL, cii_xml

    title = "Facture" if invoice.doc_type == Invoice.DocType.INVOICE else "Avoir"
    return generate_from_binary(
        _add_output_intent(pdf), cii_xml(invoice), flavor="factur-x", level=FACTURX_LEVEL,
        check_xsd=True, lang="fr-FR",
        pdf_metadata={"author": str(invoice.seller.get("legal_name", "")),
                      "keywords": "Factur-X, Facture",
                      "title": f"{title} {invoice.number}",
                      "subject": f"{title} {invoice.number} — "
                                 f"{invoice.seller.get('legal_name', '')}"})


def invoice_pdf_get(invoice: Invoice) -> bytes:
    """The cached file, or render it and cache it. Rendering twice concurrently is harmless:
    the conditional UPDATE keeps the first file and both callers serve identical content."""
    if invoice.pdf:
        with invoice.pdf.open("rb") as handle:
            return handle.read()
    content = invoice_pdf_bytes(invoice)
    name = invoice.pdf.field.generate_filename(invoice, f"{invoice.number}.pdf")
    stored = invoice.pdf.storage.save(name, ContentFile(content))
    updated = Invoice.objects.filter(pk=invoice.pk, pdf="").update(pdf=stored)
    if not updated:
        invoice.pdf.storage.delete(stored)
    return content
