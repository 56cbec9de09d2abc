"""The Word renderer: the pack in a `.docx` made from a template a council can replace.

The template is a real Word document with Jinja placeholders (docxtpl): `{{ title }}` and the
other cover facts anywhere in its text, headers or footers, and the generated blocks
(`{{p scorecard }}` ...) each alone in a paragraph. jsw ships one template per pack
(`templates/word/`, made by `scripts/make-word-templates`); the settings
`JSW_WORD_TEMPLATE_QUARTERLY` and `JSW_WORD_TEMPLATE_ANNUAL` name a council's own.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import TemplateError

from jsw.reports import html, present, word_blocks, word_summary
from jsw.reports.model import Pack

TEMPLATES = Path(__file__).with_name("templates") / "word"
SETTINGS = {"quarterly": "JSW_WORD_TEMPLATE_QUARTERLY", "annual": "JSW_WORD_TEMPLATE_ANNUAL"}
# Styles the generated blocks use; one a council's template lacks is copied from a plain
# Word document's so that the blocks still have headings, captions and grids.
STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Caption",
          "Table Grid", "Quote", "List Bullet")  # fmt: skip

Block = Callable[[word_blocks.Writer, Pack, dict[str, Any]], None]
# The blocks a template can place, and the heading level each starts at.
BLOCKS: dict[str, Block] = {
    "at_a_glance": word_blocks.glance_block,
    "summary": word_summary.summary,
    "scorecard": word_blocks.scorecard,
    "sections": word_blocks.sections,
    "annexes": word_blocks.annexes,
}


class TemplateProblem(ValueError):
    """A Word template that cannot be used; the message names the setting (exit 2)."""


def template_path(kind: str) -> tuple[Path, str]:
    """The template for `kind` and where it came from (the setting's name, or 'packaged')."""
    from django.conf import settings

    name = SETTINGS[kind]
    configured = str(getattr(settings, name, "") or "")
    if configured:
        return Path(configured), name
    return TEMPLATES / f"{kind}.docx", "the packaged template"


def load_template(kind: str) -> tuple[DocxTemplate, set[str]]:
    """The template, opened and its placeholders read: a file that is missing, unreadable,
    not a .docx or whose placeholders do not parse gives one message naming the setting."""
    path, source = template_path(kind)
    where = f"{source} ({path})" if source.startswith("JSW_") else f"{source} {path}"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TemplateProblem(f"{where} cannot be read: {exc.strerror or exc}") from None
    try:
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
        used = set(template.get_undeclared_template_variables())
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError):
        raise TemplateProblem(
            f"{where} is not a Word .docx document (save it from Word as .docx)"
        ) from None
    except TemplateError as exc:
        raise TemplateProblem(f"{where}: a placeholder does not parse: {exc}") from None
    return template, used


def facts(pack: Pack) -> dict[str, Any]:
    """The cover facts a template can place anywhere (documented in docs/reports.md)."""
    cover = pack.cover
    edition = (
        "Public: small numbers suppressed"
        if cover.public
        else "Internal: every figure shown; not for publication"
    )
    return {
        "title": cover.title,
        "service": cover.service,
        "period": cover.period,
        "period_words": cover.period_words,
        "framework": cover.framework_name,
        "framework_version": cover.framework_version,
        "data_as_at": cover.data_as_at,
        "batches": "; ".join(cover.batches) or "none",
        "state": cover.state,
        "edition": edition,
        "public": cover.public,
        "public_note": present.public_note(pack.threshold, pack.secondary_suppressed)
        if cover.public
        else "",
        "due_count": len(pack.rows),
    }


def render_docx(pack: Pack, template: tuple[DocxTemplate, set[str]] | None = None) -> bytes:
    docx, used = template or load_template(pack.kind)
    _ensure_styles(docx.docx)
    context = facts(pack)
    shared = html.context(pack)
    counter = word_blocks.Counter()
    # Appendix blocks in the annual report sit under an "Appendix" heading of level 1.
    level = 2 if pack.kind == "annual" else 1
    for name, block in BLOCKS.items():
        if name not in used:
            continue  # a council's template may leave a block out: it is not drawn
        subdoc = docx.new_subdoc()
        block(word_blocks.Writer(subdoc, counter, level), pack, shared)
        context[name] = subdoc
    try:
        docx.render(context, autoescape=True)
    except TemplateError as exc:
        _, source = template_path(pack.kind)
        raise TemplateProblem(f"{source}: the template cannot be filled in: {exc}") from None
    _number_pictures(docx.docx)
    properties = docx.docx.core_properties
    properties.title = f"{pack.cover.title}: {pack.cover.period_words}"
    properties.subject = pack.cover.service
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()


def _ensure_styles(document: Any) -> None:
    names = {style.name for style in document.styles}
    plain = Document().styles.element
    for name in STYLES:
        if name not in names:
            found = plain.get_by_name(name)
            if found is not None:
                document.styles.element.append(copy.deepcopy(found))


def _number_pictures(document: Any) -> None:
    """Each picture its own drawing id (sub-documents number theirs from the same start)."""
    for number, drawing in enumerate(document.element.body.iter(qn("wp:docPr")), start=1001):
        drawing.set("id", str(number))


__all__ = ["SETTINGS", "TemplateProblem", "load_template", "render_docx", "template_path"]
