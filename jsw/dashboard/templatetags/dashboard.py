"""Template helpers: role checks for navigation, figures as the packs write them."""

from __future__ import annotations

import base64
from decimal import Decimal
from typing import Any

from django import template

from jsw.dashboard import roles
from jsw.lib import numbers
from jsw.reports import present

register = template.Library()


@register.filter
def has_role(user: Any, role: str) -> bool:
    return roles.has_role(user, role)


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


@register.filter
def plain(number: Any) -> str:
    """80.000000 -> 80, 7.250000 -> 7.25; blank stays blank."""
    if number is None or number == "":
        return ""
    return numbers.plain(Decimal(str(number)))


@register.filter
def words(code: str) -> str:
    """`special_cause_improvement` -> `Special cause improvement`."""
    return str(code or "").replace("_", " ").capitalize()
