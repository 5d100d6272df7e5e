"""Fixtures for tests that drive real Chromium (Playwright, sync API) against `live_server`.

Every page records console errors, uncaught exceptions and any request that tries to leave
the test server; the `page` fixture fails the test on any of them, so each journey also
proves "no JS errors" and "nothing loads from another origin".
"""

import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = os.environ.get("PEERCIRCLE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
SHOTS_ROOT = Path(os.environ.get("PEERCIRCLE_SHOTS_DIR", "/tmp/peercircle-browser-shots"))
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
DEFAULT_TIMEOUT_MS = 15_000


@dataclass
class PageProblems:
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = [f"console error: {m}" for m in self.console_errors]
        lines += [f"page error: {m}" for m in self.page_errors]
        lines += [f"request to another host: {u}" for u in self.foreign_requests]
        return "\n".join(lines)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        pytest.skip("playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    # Playwright's sync API keeps an asyncio loop running in the main thread, so Django's
    # async-safety check would refuse the test's own ORM calls. The test never shares a
    # connection with that loop, so it is safe while the browser is up. Module scope (not
    # session) lets the check come back on for tests that run after these in one process.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _browser_settings(settings):
    # Sign-up and login from one IP in quick succession must not trip allauth's limits.
    settings.ACCOUNT_RATE_LIMITS = False


@pytest.fixture
def page_problems():
    return PageProblems()


def _block_other_hosts(problems: PageProblems):
    def handle(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            problems.foreign_requests.append(url)
            route.abort()
        else:
            route.continue_()

    return handle


def _new_context(browser, problems: PageProblems, **options):
    context = browser.new_context(locale="en-GB", accept_downloads=True, **options)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.route("**/*", _block_other_hosts(problems))
    return context


def _watch(page, problems: PageProblems):
    page.on(
        "console",
        lambda message: problems.console_errors.append(f"{message.text} @ {message.location}")
        if message.type == "error"
        else None,
    )
    page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
    return page


@pytest.fixture
def context(browser, live_server, page_problems):
    context = _new_context(browser, page_problems)
    yield context
    context.close()


@pytest.fixture
def page(context, page_problems):
    """A fresh tab in a fresh context; the test fails if the page logged an error or tried
    to reach another host."""
    page = _watch(context.new_page(), page_problems)
    yield page
    assert not page_problems.report(), "The browser saw problems:\n" + page_problems.report()


@pytest.fixture
def no_js_page(browser, live_server, page_problems):
    """The same, with JavaScript switched off: the site must work without it."""
    context = _new_context(browser, page_problems, java_script_enabled=False)
    page = _watch(context.new_page(), page_problems)
    yield page
    context.close()
    assert not page_problems.report(), "The browser saw problems:\n" + page_problems.report()


@pytest.fixture
def shoot(request):
    """shoot(page, "step-name") saves a full-page screenshot for people to look at."""
    folder = SHOTS_ROOT / re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    counter = iter(range(1, 1000))

    def take(page, name: str) -> Path:
        path = folder / f"{next(counter):02d}-{name}.png"
        try:
            page.screenshot(path=str(path), full_page=True)
        except PlaywrightError as error:
            # A picture for people to look at, not something the test checks: Chromium under a
            # loaded machine sometimes cannot capture one ("Unable to capture screenshot"). Try
            # the visible part once more, then go on without it.
            try:
                page.screenshot(path=str(path))
            except PlaywrightError:
                warnings.warn(f"No screenshot for {name}: {error}", stacklevel=2)
        return path

    take.folder = folder
    return take
