from django.contrib import admin
from django.contrib.auth import views as auth
from django.urls import include, path

from jsw.dashboard import sso_urls
from jsw.dashboard.views.health import healthz

urlpatterns = [
    path("accounts/login/", sso_urls.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth.LogoutView.as_view(), name="logout"),
    path("oidc/", include(sso_urls)),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("jsw.dashboard.urls")),
]
