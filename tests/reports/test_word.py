"""The Word packs (`--format docx`): they open in LibreOffice Writer and show every due PI,
with real headings, tables and captioned pictures with text alternatives; the public one
shows `[c]` as the other formats do; a council's template replaces the packaged one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.reports.conftest import QUARTER, YEAR, jsw, pdf_text
from tests.reports.test_packs import catalogue, ids_of

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "jsw" / "reports" / "templates" / "word"
STEMS = {
    "quarterly": f"jsw-board-pack-{QUARTER}",
    "annual": f"jsw-annual-report-{YEAR}",
    "public": f"jsw-board-pack-{QUARTER}-public",
}
AUTHOR_MARK = "[For the report author to complete:"
SUBHEADINGS = {"Needs attention", "Improving", "Returns not entered", "Revised since published"}


@pytest.fixture(scope="session")
def word(service: Path) -> Path:
    """The three Word packs, written by the real command, and each converted to PDF by
    LibreOffice Writer in one headless run (a private profile: no clash with another)."""
    out = service.parent / "word"
    for args in (
        ("report", "quarterly", "--period", QUARTER),
        ("report", "annual", "--year", YEAR),
        ("report", "quarterly", "--period", QUARTER, "--public"),
    ):
        done = jsw(service, *args, "--format", "docx", "--out", str(out))
        assert done.returncode == 0, done.stderr
    profile = service.parent / "lo-profile"
    converted = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(out), *[str(out / f"{s}.docx") for s in STEMS.values()]],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert converted.returncode == 0, converted.stderr
    return out


def docx(folder: Path, which: str):
    return Document(str(folder / f"{STEMS[which]}.docx"))


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def pi_headings(document, level: int) -> list[str]:
    """The headings of that level that are not At a glance's or the annexes' own."""
    return [h for h in headings(document, level) if h not in SUBHEADINGS]


def table_text(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_libreoffice_opens_each_word_pack_and_every_due_pi_title_is_in_its_text(word):
    titles = [pi.title for pi in catalogue().indicators]  # Q4 and the year: every PI is due
    for stem in STEMS.values():
        text = pdf_text(word / f"{stem}.pdf")
        missing = [title for title in titles if title not in text]
        assert not missing, (stem, missing[:3])


def test_the_board_pack_has_real_headings_tables_and_the_pdfs_sections(word):
    document = docx(word, "quarterly")
    top = headings(document, 1)
    assert top[0] == "At a glance" and top[1].startswith("Scorecard: 2024-25 Q4")
    objectives = catalogue().objectives
    for objective in objectives:
        assert f"Objective {objective.number}: {objective.title}" in top
    assert top[-3:] == ["Breakdowns annex", "Data quality annex", "Definitions annex"]
    titles = [pi.title for pi in catalogue().indicators]
    assert pi_headings(document, 2) == titles  # one section per PI, in order
    scorecards = [t for t in document.tables if table_text(t)[0][:2] == ["Indicator", "Value"]]
    assert len(scorecards) == len(objectives)
    scored = [row[0] for table in scorecards for row in table_text(table)[1:]]
    assert scored == titles
    # Every table jsw made (the cover's facts are the template's) has a numbered caption.
    for table in document.tables[1:]:
        before = table._tbl.getprevious()
        assert before is not None and before.tag == qn("w:p"), table_text(table)[0]
        style = before.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val"))
        assert style == "Caption"
        assert re.match(r"Table \d+: ", "".join(before.itertext()))


def test_every_picture_has_a_description_and_a_numbered_caption(word):
    for which in ("quarterly", "annual", "public"):
        document = docx(word, which)
        pictures = list(document.element.body.iter(qn("wp:docPr")))
        assert len(pictures) >= 30, which
        ids = [p.get("id") for p in pictures]
        assert len(set(ids)) == len(ids), which  # each drawing its own id
        for picture in pictures:
            assert picture.get("descr", "").strip(), (which, picture.get("name"))
            assert picture.get("descr").startswith(("Chart of ", "Line chart of "))
        captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
        assert len([c for c in captions if c.startswith("Figure ")]) == len(pictures), which
        media = [n for n in zipfile.ZipFile(word / f"{STEMS[which]}.docx").namelist()
                 if n.startswith("word/media/")]  # fmt: skip
        assert all(n.endswith(".png") for n in media) and len(media) == len(pictures)


def test_the_annual_report_is_a_committee_report_with_the_authors_parts_marked(word):
    document = docx(word, "annual")
    top = headings(document, 1)
    for section in ("1. Purpose of report", "2. Recommendations", "3. Summary of key information",
                    "4. Implications", "5. Risk", "7. Appendices"):  # fmt: skip
        assert section in top, section
    assert [h for h in top if h.startswith("Appendix ")] == [
        "Appendix A: At a glance and scorecard",
        "Appendix B: Performance indicators by objective",
        "Appendix C: Breakdowns, data quality and definitions",
    ]
    # The appendices' blocks sit one level down; each PI a level below its objective.
    assert "At a glance" in headings(document, 2)
    assert [pi.title for pi in catalogue().indicators] == pi_headings(document, 3)
    texts = [p.text for p in document.paragraphs]
    summary = texts[texts.index("3. Summary of key information") : texts.index("4. Implications")]
    assert any(re.search(r"covers 40 performance indicators for Financial year 2024-25", t)
               for t in summary)  # fmt: skip
    # Sections no figure can write are marked for the author, each of them.
    for start, end in (
        ("2. Recommendations", "3. Summary of key information"),
        ("3. Summary of key information", "4. Implications"),
        ("4.1 Financial", "4.2 Legal"),
        ("4.3 Equalities", "4.4 Environmental"),
    ):
        part = texts[texts.index(start) : texts.index(end)]  # fmt: skip
        assert any(t.startswith(AUTHOR_MARK) for t in part), start
    risk = next(t for t in document.tables if table_text(t)[0][0] == "Category")
    assert all("[To complete]" in row[1] for row in table_text(risk)[1:])
    # Every placeholder was filled in.
    assert not any("{{" in t or "{%" in t for t in texts)


def scorecard_values(document) -> dict[str, str]:
    values = {}
    for table in document.tables:
        rows = table_text(table)
        if rows[0][:2] == ["Indicator", "Value"]:
            values.update({row[0]: row[1] for row in rows[1:]})
    return values


def test_the_public_word_pack_shows_c_where_the_other_formats_do_and_no_small_count(word, packs):
    document = docx(word, "public")
    values = scorecard_values(document)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "[c]: suppressed to protect confidentiality" in text and "threshold of 5" in text
    assert any("[c]" in v for v in values.values())
    # The Excel scorecard of the same public pack: the same [c] on the same PIs.
    book = openpyxl.load_workbook(packs / f"{STEMS['public']}.xlsx", read_only=True)
    rows = list(book["Scorecard"].iter_rows(values_only=True))
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "objective")
    header = rows[header_at]
    titles = {pi.id: pi.title for pi in catalogue().indicators}
    compared = 0
    for found in rows[header_at + 1 :]:
        row = dict(zip(header, found, strict=False))
        if row["indicator_id"] and not row["category"]:
            shown = values[titles[row["indicator_id"]]]
            assert (row["value"] == "[c]") == shown.startswith("[c]"), (row, shown)
            compared += 1
    assert compared >= 30
    # No counted figure from 1 to 4 in a scorecard cell: counts, numerators, denominators.
    kinds = {pi.title: pi.kind for pi in catalogue().indicators}
    for title, shown in values.items():
        figure = r"(\[c\]|[\d,]+)"
        numbers = re.findall(rf"\({figure} of {figure}\)", shown)  # numerator, denominator
        numbers += [(items, "0") for items in re.findall(rf"\(mean of {figure}\)", shown)]
        if kinds[title] == "count":
            numbers.append((shown.split()[0], "0"))
        for pair in numbers:
            for figure in pair:
                assert figure == "[c]" or not 1 <= float(figure.replace(",", "")) <= 4, (
                    title, shown)  # fmt: skip


def test_no_person_or_order_id_is_in_a_word_pack(word, service):
    ids = ids_of(service.parent / "data")
    pattern = re.compile(r"\b[PO]\d{6,7}\b")
    for stem in STEMS.values():
        with zipfile.ZipFile(word / f"{stem}.docx") as archive:
            xml = " ".join(
                archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")
            )
        assert not set(pattern.findall(xml)) & ids, stem
        assert not any(i in xml for i in list(ids)[:300]), stem


def council_template(path: Path) -> None:
    """A council's own template: its own words and only the scorecard block."""
    document = Document()
    document.add_paragraph("Aberdeen City Council: committee report {{ title }}")
    document.add_paragraph("Period: {{ period_words }}; data as at {{ data_as_at }}.")
    document.add_paragraph("{{p scorecard }}")
    document.save(str(path))


def test_a_council_template_named_by_the_setting_is_the_one_used(service, tmp_path):
    template = tmp_path / "ours.docx"
    council_template(template)
    env = {"JSW_WORD_TEMPLATE_QUARTERLY": str(template)}
    done = run_with(service, env, "report", "quarterly", "--period", QUARTER, "--format",
                    "docx", "--out", str(tmp_path))  # fmt: skip
    assert done.returncode == 0, done.stderr
    document = Document(str(tmp_path / f"{STEMS['quarterly']}.docx"))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == (
        "Aberdeen City Council: committee report "
        "Quarterly performance report to the Performance Management Board"
    )
    assert texts[1].startswith("Period: 2024-25 Q4 (1 January 2025 to 31 March 2025)")
    assert len(scorecard_values(document)) == 40
    assert not list(document.element.body.iter(qn("wp:docPr")))  # no sections: no charts


def run_with(service: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        return jsw(service, *args)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.mark.parametrize("problem", ["missing", "not-docx", "bad-placeholder"])
def test_a_bad_template_setting_is_one_message_naming_it_and_exit_2(service, tmp_path, problem):
    template = tmp_path / "ours.docx"
    if problem == "not-docx":
        template.write_text("a committee report, saved as text", encoding="utf-8")
    elif problem == "bad-placeholder":
        document = Document()
        document.add_paragraph("{{ title ")
        document.add_paragraph("{% if public %} never closed")
        document.save(str(template))
    env = {"JSW_WORD_TEMPLATE_ANNUAL": str(template)}
    done = run_with(service, env, "report", "annual", "--year", YEAR, "--format", "pdf,docx",
                    "--out", str(tmp_path / "out"))  # fmt: skip
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), done.stderr
    assert "JSW_WORD_TEMPLATE_ANNUAL" in lines[0] and str(template) in lines[0]
    assert not (tmp_path / "out").exists()  # refused before any file was written


@pytest.mark.once
def test_the_shipped_templates_are_what_the_script_makes(tmp_path):
    script = str(ROOT / "scripts" / "make-word-templates")
    done = subprocess.run(
        [sys.executable, script, "--out", str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    for name in ("quarterly.docx", "annual.docx"):
        with zipfile.ZipFile(tmp_path / name) as made, zipfile.ZipFile(SHIPPED / name) as ours:
            assert made.namelist() == ours.namelist()
            for member in made.namelist():
                assert made.read(member) == ours.read(member), (name, member)
