"""Browser tests: the real demo server in a subprocess, driven by Debian's Chromium.

The server is started exactly as a newcomer starts it (``medborgarloften demo``)
on a fresh embedded SQLite database in a temporary data folder. The test
process itself never opens a database, so nothing here is marked django_db and
DATABASE_URL / REDIS_URL are removed from the server's environment: the
browser suite never touches a shared PostgreSQL database or Redis.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "medborgarlofte-demo"
# The demo's signatories and administrators have a TOTP device with this key (README, "Demo logins").
DEMO_TOTP_KEY = bytes.fromhex("6d6564626f726761726c6f6674652d64656d6f21")
_last_step = {}


def demo_code(username):
    """Return the demo TOTP code for ``username``, waiting for a new 30-second step if this one was used (no replay)."""
    from django_otp.oath import TOTP

    while int(time.time()) // 30 <= _last_step.get(username, -1):
        time.sleep(0.5)
    totp = TOTP(DEMO_TOTP_KEY, step=30, t0=0, digits=6)
    _last_step[username] = totp.t()
    return f"{totp.token():06d}"
SERVER_START_TIMEOUT = 90  # seconds: migrations and the demo data load first
SERVER_STOP_TIMEOUT = 10
PAGE_TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _stop(process):
    if process.poll() is not None:
        return
    process.terminate()  # gunicorn's arbiter stops its workers on SIGTERM
    try:
        process.wait(timeout=SERVER_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=SERVER_STOP_TIMEOUT)


@pytest.fixture(scope="session")
def base_url():
    """Start ``medborgarloften demo`` on a free port and a fresh data folder; yield its address."""
    data_dir = Path(tempfile.mkdtemp(prefix="medborgarloften-browser-"))
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG")}
    env.update({
        "MEDBORGARLOFTEN_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "medborgarloften.settings",
        # The suite signs in several people within a minute from one address.
        "LOGIN_RATE": "1000/m",
        "ACCESS_LOG": str(data_dir / "access.log"),
        "PYTHONUNBUFFERED": "1",
    })
    env.pop("SECRET_KEY", None)
    log_path = data_dir / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "medborgarloften.cli", "demo", "--port", str(port), "--workers", "2"],
            cwd=data_dir, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _answers(port):
            if process.poll() is not None:
                pytest.fail(f"the demo server exited with {process.returncode}:\n{log_path.read_text()[-4000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"the demo server did not answer within {SERVER_START_TIMEOUT} s:\n"
                            f"{log_path.read_text()[-4000:]}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(process)
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Session:
    """One person's browser context with JavaScript switched off, as the walk requires."""

    def __init__(self, browser, base_url, *, javascript=False, storage_state=None):
        self.base_url = base_url
        self.username = None
        self.context = browser.new_context(
            base_url=base_url,
            java_script_enabled=javascript,
            # A Swedish visitor: the site is Swedish first.
            locale="sv-SE",
            storage_state=storage_state,
            # axe is injected as an inline script, which the site's CSP (rightly) forbids.
            bypass_csp=javascript,
        )
        self.context.set_default_timeout(PAGE_TIMEOUT_MS)
        self.page = self.context.new_page()

    def goto(self, path, *, expect_status=200):
        response = self.page.goto(path)
        assert response is not None
        if expect_status is not None:
            assert response.status == expect_status, f"GET {path} gave {response.status}, expected {expect_status}"
        return response

    def login(self, username):
        self.goto("/konto/logga-in/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", DEMO_PASSWORD)
        with self.page.expect_navigation():
            self.page.click("form:has(input[name=password]) button[type=submit]")
        if "/konto/tvastegsverifiering/kod/" in self.page.url:
            # Signatories and administrators give the code from their app next.
            self.page.fill("input[name=code]", demo_code(username))
            with self.page.expect_navigation():
                self.page.click("form:has(input[name=code]) button[type=submit]")
        assert "/arbetsyta/" in self.page.url, f"sign-in as {username} failed: {self.page.url}"
        self.username = username
        return self

    def confirm_identity_if_asked(self):
        """Signing asks for the password (and code) again if the sign-in was more than five minutes ago."""
        if "/konto/bekrafta-identitet/" not in self.page.url:
            return
        self.page.fill("input[name=password]", DEMO_PASSWORD)
        if self.page.locator("input[name=code]").count():
            self.page.fill("input[name=code]", demo_code(self.username))
        with self.page.expect_navigation():
            self.page.click("main form button[type=submit]")

    def close(self):
        self.context.close()


@pytest.fixture(scope="session")
def open_session(browser, base_url):
    """Factory: ``open_session(username=None, javascript=False)``; contexts are closed at the end."""
    sessions = []

    def factory(username=None, *, javascript=False, storage_state=None):
        session = Session(browser, base_url, javascript=javascript, storage_state=storage_state)
        sessions.append(session)
        if username:
            session.login(username)
        return session

    yield factory
    for session in sessions:
        session.close()
