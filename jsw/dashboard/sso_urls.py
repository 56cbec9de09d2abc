"""The login page, and single sign-on's URLs (`/oidc/...`), which answer 404 while single
sign-on is off (no `JSW_OIDC_ISSUER`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import path
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView


class LoginView(auth.LoginView):
    """The one login page: a local account's name and password, and, where single sign-on is
    on, a link to sign in with the council's account."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sso"] = bool(settings.JSW_OIDC_ISSUER)
        context["sso_failed"] = self.request.GET.get("sso") == "failed"
        return context


def _when_on(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not settings.JSW_OIDC_ISSUER:
            raise Http404("single sign-on is off")
        return view(request, *args, **kwargs)

    return guarded


urlpatterns = [
    path(
        "callback/",
        _when_on(OIDCAuthenticationCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
    path(
        "authenticate/",
        _when_on(OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
]
