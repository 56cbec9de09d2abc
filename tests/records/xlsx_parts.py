"""Hand-built .xlsx files, part by part, for workbooks no spreadsheet program would save.

`build_xlsx` writes the zip parts of a workbook whose sheets are given as the XML inside
`<sheetData>` (plus anything after it, such as `<mergeCells>`), so that a test can make
error cells, formulas with or without a saved value, broken XML or a chart sheet.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = f"{REL}/worksheet"
CHART_TYPE = f"{REL}/chartsheet"


def cell(ref: str, value: object) -> str:
    """One cell: text as an inline string, numbers as numbers, None as nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def rows(*values: list[object], first: int = 1) -> str:
    """Rows of plain cells, row numbers from `first`."""
    out = []
    for number, row in enumerate(values, start=first):
        cells = "".join(cell(f"{chr(65 + index)}{number}", item) for index, item in enumerate(row))
        out.append(f'<row r="{number}">{cells}</row>')
    return "".join(out)


def sheet_xml(data: str, after: str = "", dimension: str | None = "A1") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{MAIN}">{dim}<sheetData>{data}</sheetData>{after}</worksheet>'


def build_xlsx(
    path: Path,
    sheets: dict[str, str],
    *,
    shared_strings: list[str] | None = None,
    charts: dict[str, str] | None = None,
    styles: str | None = None,
    raw_parts: dict[str, str | bytes] | None = None,
) -> Path:
    """A workbook of the given sheets (name -> full sheet XML) and chart sheets."""
    charts = charts or {}
    entries = [(name, xml, SHEET_TYPE, "worksheets/sheet") for name, xml in sheets.items()]
    entries += [(name, xml, CHART_TYPE, "chartsheets/sheet") for name, xml in charts.items()]
    sheet_list, rels, parts = [], [], {}
    for number, (name, xml, kind, stem) in enumerate(entries, start=1):
        sheet_list.append(f'<sheet name="{escape(name)}" sheetId="{number}" r:id="rId{number}"/>')
        rels.append(f'<Relationship Id="rId{number}" Type="{kind}" Target="{stem}{number}.xml"/>')
        parts[f"xl/{stem}{number}.xml"] = xml
    extra_rels = len(entries)
    if shared_strings is not None:
        extra_rels += 1
        rels.append(
            f'<Relationship Id="rId{extra_rels}" Type="{REL}/sharedStrings" '
            'Target="sharedStrings.xml"/>'
        )
        items = "".join(f"<si><t>{escape(text)}</t></si>" for text in shared_strings)
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{items}</sst>'
    if styles is not None:
        extra_rels += 1
        rels.append(f'<Relationship Id="rId{extra_rels}" Type="{REL}/styles" Target="styles.xml"/>')
        parts["xl/styles.xml"] = styles
    parts["[Content_Types].xml"] = _content_types(parts)
    parts["_rels/.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    parts["xl/workbook.xml"] = (
        f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{"".join(sheet_list)}</sheets>'
        "</workbook>"
    )
    parts["xl/_rels/workbook.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{''.join(rels)}</Relationships>"
    )
    parts.update(raw_parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def _content_types(parts: dict[str, str]) -> str:
    kinds = {
        "worksheets": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
        "chartsheets": "application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml",
    }
    overrides = [
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    ]
    if "xl/sharedStrings.xml" in parts:
        overrides.append(
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
    for name in parts:
        for folder, kind in kinds.items():
            if f"/{folder}/" in name:
                overrides.append(f'<Override PartName="/{name}" ContentType="{kind}"/>')
    return (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{''.join(overrides)}</Types>"
    )


PEOPLE_HEADER = ["person_id", "date_of_birth", "sex"]
