"""The site's URLs and one page that fails, to see what a server error leaves behind."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a fault for the logging test")


urlpatterns = [path("fail/", fail), path("", include("jsw.urls"))]
