"""A page's HTML built once per data version, role and day, not on every request.

`cached_page` wraps a read-only view. The first request for a page renders it as usual; the
HTML is kept in Django's `pages` cache (shared by `jsw serve`'s server processes) with the two
things that belong to one request taken out: the CSRF token of its forms and the user's name
in the header. Later requests of the same role for the same address put their own back in,
unless anything the page shows changed: the key holds `services.version()` (a new run,
target, commentary or rebase changes it), the role (what a role may see and do differs) and
the day (the latest complete quarter).

A page is kept only when both pieces were found where expected, so a template that moves
them makes pages slower, never shows one person's name or token to another.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.html import escape

from jsw.dashboard import services
from jsw.dashboard.roles import role_of_request

View = Callable[..., HttpResponseBase]

# Kept a day at most; a new version makes new keys, and old ones age out.
SECONDS = 24 * 3600
# How Django writes a form's token, and how the header shows who is logged in.
_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]*)(")')
_USER = '<span class="jsw-account__name">{}</span>'


@functools.cache
def _secret(name: str) -> str:
    # Placeholders nobody can type into a commentary, and the same in every worker.
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"page-cache {name}".encode(), hashlib.sha256).hexdigest()


def cached_page(view: View) -> View:
    @functools.wraps(view)
    def serve(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method != "GET" or len(get_messages(request)):
            return view(request, *args, **kwargs)  # a message is shown once, to one user
        key = _key(request)
        kept = caches["pages"].get(key)
        if kept is not None:
            return HttpResponse(_personal(kept, request))
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and isinstance(response, HttpResponse):
            general = _general(response.content.decode(), request)
            if general is not None:
                caches["pages"].set(key, general, SECONDS)
        return response

    return serve


def _key(request: HttpRequest) -> str:
    parts = [
        services.version(),
        role_of_request(request) or "",
        timezone.localdate().isoformat(),
        request.get_full_path(),
    ]
    return "page:" + hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def _user_span(request: HttpRequest) -> str:
    return _USER.format(escape(request.user.get_username()))


def _general(html: str, request: HttpRequest) -> str | None:
    """The page with this request's token and name replaced by placeholders, or None when
    they are not where expected (then the page is not kept)."""
    user = _user_span(request)
    if user not in html or _secret("user") in html or _secret("token") in html:
        return None
    html = html.replace(user, _secret("user"))
    return _TOKEN.sub(lambda m: m.group(1) + _secret("token") + m.group(3), html)


def _personal(html: str, request: HttpRequest) -> str:
    """A kept page with this request's name and (freshly masked) token put in."""
    html = html.replace(_secret("user"), _user_span(request))
    if _secret("token") in html:
        html = html.replace(_secret("token"), get_token(request))
    return html
