"""Template helpers: role checks for navigation, figures as the packs write them."""

from __future__ import annotations

import base64
import re
from decimal import Decimal
from typing import Any

from django import template
from django.forms import BoundField
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import mark_safe

from jsw.analysis.vocabulary import POINT_TYPES
from jsw.dashboard import roles
from jsw.lib import numbers
from jsw.lib.periods import FREQUENCY_NAMES
from jsw.reports import present
from jsw.reports import words as pack_words
from jsw.reports.periods import short

register = template.Library()


@register.filter
def has_role(user: Any, role: str) -> bool:
    return roles.has_role(user, role)


# The site's pages in the navigation: (URL name, words, the lowest role that may open it).
SITE_LINKS = (
    ("dashboard:scorecard", "Scorecard", roles.BOARD),
    ("dashboard:framework", "Framework", roles.BOARD),
    ("dashboard:reports", "Reports", roles.BOARD),
    ("dashboard:targets", "Targets", roles.MANAGER),
    ("dashboard:data", "Data", roles.ANALYST),
    ("dashboard:returns", "Returns", roles.ANALYST),
    ("dashboard:audit", "Audit", roles.ADMINISTRATOR),
    ("admin:index", "Admin", roles.ADMINISTRATOR),
)


@register.simple_tag(takes_context=True)
def site_links(context: template.Context) -> list[dict[str, object]]:
    """The pages the user's role may open, the one being shown marked as current."""
    request = context.get("request")
    user = context.get("user")
    path = getattr(request, "path", "")
    held = (
        roles.role_of_request(request)
        if isinstance(request, HttpRequest) and hasattr(request, "user")
        else roles.role_of(user)
    )
    links = []
    for name, words, role in SITE_LINKS:
        if not roles.at_least(held, role):
            continue
        href = reverse(name)
        current = path == href if href == "/" else path.startswith(href)
        links.append({"href": href, "words": words, "current": current})
    return links


@register.filter
def shown(cell: Any, pi: Any) -> str:
    """A cell as the packs write it (`81.2% (412 of 508)`, `[c]`), a dash when blank."""
    return str(present.shown(pi, cell)) or "\N{EN DASH}"


@register.filter
def svg_uri(svg: str) -> str:
    """A chart as an image source: an SVG in <img> keeps its own styles under a strict CSP."""
    if not svg:
        return ""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


_SVG_SIZE = re.compile(r'<svg[^>]*?\swidth="([0-9.]+)pt"[^>]*?\sheight="([0-9.]+)pt"')


@register.filter
def svg_size(svg: str) -> str:
    """`width` and `height` attributes for a chart's <img>: the page keeps its room before the
    image is decoded, so it does not jump under a reader (or a link to a form below it)."""
    found = _SVG_SIZE.search(svg or "")
    if not found:
        return ""
    width, height = (round(float(number) * 4 / 3) for number in found.groups())  # pt -> px
    return mark_safe(f'width="{width}" height="{height}"')  # noqa: S308 (digits only)


@register.filter
def figure(value: Any, pi: Any) -> str:
    """A value as the packs write it, with its unit: `78.6%`, `1,234 orders`."""
    return pack_words.with_unit(pi, value)


@register.filter
def target_words(target: Any, pi: Any) -> str:
    """A stored target as the packs write it: `80%, higher is better; amber from 75%`."""
    return pack_words.target_text(pi, target.value, target.amber)


@register.filter
def frequency_words(frequency: str) -> str:
    """`Q` -> `quarterly`, `H` -> `6-monthly`, `A` -> `annual`."""
    return FREQUENCY_NAMES.get(frequency, frequency)


@register.filter
def period_words(label: str) -> str:
    """`2025-26-Q2` -> `2025-26 Q2`."""
    return short(label)


@register.filter
def group_words(group: str, breakdown: str) -> str:
    """A breakdown group or distribution category in words (`F` -> `Female`)."""
    return pack_words.group_label(breakdown, group)


@register.filter
def plain(number: Any) -> str:
    """80.000000 -> 80, 7.250000 -> 7.25; blank stays blank."""
    if number is None or number == "":
        return ""
    return numbers.plain(Decimal(str(number)))


@register.filter
def ds_field(field: BoundField) -> str:
    """A form field's widget as the design system marks it: linked to its hint and error, and
    `aria-invalid` with the error style when the field was refused."""
    widget = field.field.widget
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    attrs: dict[str, str | bool] = {}
    if field.errors:
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
        base = widget.attrs.get("class", "")
        attrs["class"] = f"{base} {base.split()[0]}--error" if base else ""
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def summary_line(error: str, label: str) -> str:
    """An error as the summary lists it: named by its field unless it names it already."""
    text = str(error)
    return text if text.lower().startswith(str(label).lower()) else f"{label}: {text}"


@register.filter
def count(number: int | None) -> str:
    """A count as the packs write it: 205,033."""
    return "" if number is None else f"{number:,}"


@register.filter
def audit_words(value: Any) -> str:
    """An audit entry's before or after in words: `{"added": ["administrator"]}` reads
    `added: administrator`, `True` reads `yes`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "; ".join(
            f"{str(key).replace('_', ' ')}: {audit_words(item) or 'none'}"
            for key, item in value.items()
        )
    if isinstance(value, list | tuple):
        return ", ".join(audit_words(item) for item in value)
    return str(value)


@register.filter
def words(code: str) -> str:
    """A chart point's type in the packs' words (`Special cause: improvement`)."""
    symbol = POINT_TYPES.get(str(code or ""))
    return symbol.word if symbol else ""
