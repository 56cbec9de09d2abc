"""Single sign-on end to end, against a real OpenID Connect provider on loopback (npm's
oidc-provider, installed in tests/oidc by scripts/install-test-oidc-provider).

The browser's part is played by the test: Django's test client for jsw, and an HTTP client
with its own cookies for the provider, where GET /interaction/<uid>?as=<account> stands in
for the council's login page.
"""

from __future__ import annotations

import base64
import hashlib
import http.cookiejar
import json
import secrets
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import time_machine
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth.models import User
from django.core.exceptions import SuspiciousOperation
from django.test import Client
from jwt.algorithms import RSAAlgorithm

from jsw import sso_settings
from jsw.analysis.models import AuditEntry
from jsw.dashboard.sso import Backend
from tests.dashboard.conftest import PASSWORD

pytestmark = [pytest.mark.once, pytest.mark.slow]

OIDC_FOLDER = Path(__file__).resolve().parent.parent / "oidc"
CALLBACK = "http://testserver/oidc/callback/"
OTHER_CALLBACK = "http://127.0.0.1:9/other/callback"
SECRET = "a-client-secret-for-tests-only-0123456789"
ACCOUNTS = {
    "ann": ["g-analysts"],
    "bob": ["g-board", "g-unrelated"],
    "ada": ["g-board", "g-admins"],
    "eve": ["g-unrelated"],
}
ROLE_GROUPS = "board=g-board,analyst=g-analysts,administrator=g-admins"


@dataclass(frozen=True)
class Provider:
    issuer: str

    def url(self, path: str) -> str:
        return f"{self.issuer}{path}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(folder: Path, name: str, keys: dict[str, Any], **extra: Any) -> tuple[Provider, Any]:
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    config = {
        "port": port,
        "issuer": issuer,
        "keys": keys,
        "accounts": ACCOUNTS,
        "clients": [
            {
                "client_id": client_id,
                "client_secret": SECRET,
                "redirect_uris": [redirect],
                "token_endpoint_auth_method": "client_secret_post",
                "id_token_signed_response_alg": "RS256",
            }
            for client_id, redirect in (("jsw", CALLBACK), ("other", OTHER_CALLBACK))
        ],
        **extra,
    }
    path = folder / f"{name}.json"
    path.write_text(json.dumps(config))
    node = shutil.which("node")
    assert node, "Node.js is needed: bash scripts/install-system-packages"
    assert (OIDC_FOLDER / "node_modules" / "oidc-provider").is_dir(), (
        "the test provider is not installed: bash scripts/install-test-oidc-provider"
    )
    process = subprocess.Popen(
        [node, str(OIDC_FOLDER / "provider.mjs"), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.startswith("listening"):
            return Provider(issuer), process
        if not line and process.poll() is not None:
            break
    process.kill()
    raise AssertionError(f"the provider did not start: {process.stdout.read()}")


@pytest.fixture(scope="module")
def providers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Provider]]:
    """Two providers signing with one key: the council's, and an impostor with another
    issuer name (a token from it has a good signature and the wrong issuer)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(RSAAlgorithm.to_jwk(key))
    keys = {"keys": [{**jwk, "kid": "test-key", "use": "sig", "alg": "RS256"}]}
    folder = tmp_path_factory.mktemp("oidc")
    started = {name: _start(folder, name, keys) for name in ("council", "impostor")}
    yield {name: provider for name, (provider, _) in started.items()}
    for _, process in started.values():
        process.terminate()
        process.wait(timeout=10)
        assert process.stdout is not None
        process.stdout.close()


def _configure(settings: Any, monkeypatch: pytest.MonkeyPatch, issuer: str, endpoints: str) -> None:
    """Settings as `jsw.settings` makes them from these variables (the same function)."""
    for name, value in {
        "JSW_OIDC_ISSUER": issuer,
        "JSW_OIDC_AUTHORIZATION_ENDPOINT": f"{endpoints}/auth",
        "JSW_OIDC_TOKEN_ENDPOINT": f"{endpoints}/token",
        "JSW_OIDC_USERINFO_ENDPOINT": f"{endpoints}/me",
        "JSW_OIDC_JWKS_URI": f"{endpoints}/jwks",
        "JSW_OIDC_CLIENT_ID": "jsw",
        "JSW_OIDC_CLIENT_SECRET": SECRET,
        "JSW_OIDC_ROLE_GROUPS": ROLE_GROUPS,
    }.items():
        monkeypatch.setenv(name, value)
    for name, value in sso_settings.from_environment().items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, sso_settings.BACKEND]


@pytest.fixture
def council(providers, settings, monkeypatch, db) -> Provider:
    provider = providers["council"]
    _configure(settings, monkeypatch, provider.issuer, provider.issuer)
    return provider


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _browser() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirects()
    )


def _redirect(browser: urllib.request.OpenerDirector, url: str) -> str:
    """Where the provider sends the browser from `url`."""
    try:
        response = browser.open(url, timeout=10)
    except urllib.error.HTTPError as exc:
        if exc.code in (302, 303):
            return urllib.parse.urljoin(url, exc.headers["Location"])
        raise AssertionError(f"{url}: {exc.code} {exc.read()[:500]!r}") from None
    raise AssertionError(f"{url} answered {response.status}, not a redirect")


def _at_provider(authorize: str, account: str, *, back_to: str) -> str:
    """Log `account` in at the provider; the URL it sends the browser back to."""
    browser = _browser()
    interaction = _redirect(browser, authorize)
    assert "/interaction/" in interaction, interaction
    resume = _redirect(browser, f"{interaction}?as={account}")
    callback = _redirect(browser, resume)
    assert callback.startswith(back_to), callback
    return callback


def sign_in(
    client: Client, account: str, *, before_callback: Callable[[Client], None] | None = None
) -> Any:
    """jsw's answer to the provider sending `account` back with a code."""
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302, start
    callback = _at_provider(start["Location"], account, back_to=CALLBACK)
    if before_callback is not None:
        before_callback(client)
    return client.get(callback.removeprefix("http://testserver"))


def _signed_in_as(client: Client) -> str | None:
    response = client.get("/")
    return None if response.status_code == 302 else response.wsgi_request.user.get_username()


def test_the_login_page_offers_single_sign_on_when_it_is_on(council):
    page = Client().get("/accounts/login/").content.decode()
    assert 'href="/oidc/authenticate/"' in page
    assert 'name="password"' in page  # local accounts stay


def test_single_sign_on_urls_are_not_there_while_it_is_off(db):
    assert Client().get("/oidc/authenticate/").status_code == 404
    assert "/oidc/" not in Client().get("/accounts/login/").content.decode()


def test_a_council_user_signs_in_and_gets_the_role_of_their_group(council):
    client = Client()
    response = sign_in(client, "ann")
    assert response.status_code == 302 and response["Location"] == "/"
    assert _signed_in_as(client) == "ann@council.example"
    user = User.objects.get(username="ann@council.example")
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == ["analyst"]
    assert client.get("/data/").status_code == 200  # an analyst's page
    assert client.get("/audit/").status_code == 403
    entry = AuditEntry.objects.get(subject="user", action="created")
    assert (entry.actor, entry.key) == ("single sign-on", "ann@council.example")


def test_the_highest_mapped_group_decides_and_administrators_reach_the_admin(council):
    bob, ada = Client(), Client()
    sign_in(bob, "bob")
    sign_in(ada, "ada")
    assert bob.get("/data/").status_code == 403 and bob.get("/").status_code == 200
    assert ada.get("/admin/").status_code == 200
    assert User.objects.get(username="ada@council.example").is_superuser


def test_a_changed_group_mapping_changes_the_role_at_the_next_sign_in(council, settings):
    sign_in(Client(), "ann")
    settings.JSW_OIDC_ROLE_GROUPS = {"g-analysts": "board"}
    client = Client()
    sign_in(client, "ann")
    user = User.objects.get(username="ann@council.example")
    assert list(user.groups.values_list("name", flat=True)) == ["board"]
    assert client.get("/data/").status_code == 403
    assert AuditEntry.objects.filter(subject="user role", key="ann@council.example").exists()


def test_someone_in_no_mapped_group_is_refused(council):
    client = Client()
    response = sign_in(client, "eve")
    assert response["Location"] == "/accounts/login/?sso=failed"
    assert _signed_in_as(client) is None
    assert not User.objects.filter(username__startswith="eve").exists()
    assert "did not work" in client.get(response["Location"]).content.decode()


def test_a_sign_in_never_takes_over_a_local_account_of_the_same_name(council):
    from jsw.dashboard.users import add_user

    add_user("ann@council.example", "board", PASSWORD)
    client = Client()
    sign_in(client, "ann")
    assert _signed_in_as(client) is None


def test_a_token_from_another_issuer_is_refused(providers, settings, monkeypatch, db):
    """The impostor signs with a trusted key, but it is not the issuer jsw trusts."""
    _configure(settings, monkeypatch, providers["council"].issuer, providers["impostor"].issuer)
    client = Client()
    response = sign_in(client, "ann")
    assert response["Location"] == "/accounts/login/?sso=failed"
    assert _signed_in_as(client) is None


def test_a_token_with_another_nonce_is_refused(council):
    def swap_nonce(client: Client) -> None:
        session = client.session
        for state in session["oidc_states"].values():
            state["nonce"] = secrets.token_urlsafe(16)
        session.save()

    client = Client()
    response = sign_in(client, "ann", before_callback=swap_nonce)
    assert response["Location"] == "/accounts/login/?sso=failed"
    assert _signed_in_as(client) is None


def test_an_expired_token_is_refused(council):
    """The callback reaches jsw two hours after the provider issued the ID token."""
    client = Client()
    traveller = time_machine.travel(time.time() + 2 * 3600, tick=True)

    def later(_: Client) -> None:
        traveller.start()

    try:
        response = sign_in(client, "ann", before_callback=later)
        assert response["Location"] == "/accounts/login/?sso=failed"
    finally:
        traveller.stop()
    assert _signed_in_as(client) is None


def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _id_token_for_other_client(provider: Provider, nonce: str) -> str:
    """A real ID token of the council's provider, issued to another application."""
    verifier, challenge = _pkce()
    query = urllib.parse.urlencode(
        {
            "client_id": "other",
            "response_type": "code",
            "scope": "openid",
            "redirect_uri": OTHER_CALLBACK,
            "state": "s",
            "nonce": nonce,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
    )
    back = _at_provider(provider.url(f"/auth?{query}"), "ann", back_to=OTHER_CALLBACK)
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(back).query)["code"][0]
    form = urllib.parse.urlencode(
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": OTHER_CALLBACK,
            "client_id": "other",
            "client_secret": SECRET,
            "code_verifier": verifier,
        }
    ).encode()
    with urllib.request.urlopen(provider.url("/token"), form, timeout=10) as response:
        return str(json.load(response)["id_token"])


def test_a_token_for_another_audience_is_refused(council):
    token = _id_token_for_other_client(council, "n-1")
    with pytest.raises(SuspiciousOperation, match=r"(?i)audience"):
        Backend().verify_token(token, nonce="n-1")
