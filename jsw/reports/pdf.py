"""The PDF renderer: WeasyPrint prints the HTML pack with its print stylesheet.

A4, tagged (PDF/UA-1), text kept as text, charts kept as vector SVG, page numbers.
"""

from __future__ import annotations

import logging

from jsw.reports.html import render_html
from jsw.reports.model import Pack


def render_pdf(pack: Pack) -> bytes:
    # WeasyPrint logs every CSS property it does not know (e.g. screen-only grid hints), and
    # each step, from its import on (it parses its own stylesheets then).
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("weasyprint.progress").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    from weasyprint import HTML

    document = HTML(string=render_html(pack, for_print=True), media_type="print")
    pdf = document.write_pdf(
        pdf_variant="pdf/ua-1",  # tagged, with its XMP metadata
        uncompressed_pdf=False,
    )
    assert pdf is not None
    return bytes(pdf)
