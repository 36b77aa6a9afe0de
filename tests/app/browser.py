"""Debian's chromium driven by Playwright; never a browser that a tool downloads."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("BRUECKE_REQUIRE_BROWSER"):
        pytest.fail("Debian's chromium is missing: apt-get install chromium")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)")


# Runs in every page before its own scripts: each violation the page reports goes to the guard.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});
"""


class CspGuard:
    """Collects, for every page of a test, each Content-Security-Policy violation (the page's
    ``securitypolicyviolation`` events and the browser's console errors about the policy) and
    every page of the site served without a policy, so that a test fails on either."""

    def __init__(self) -> None:
        self.violations: list[str] = []
        self.unprotected: list[str] = []

    def watch(self, context: Any) -> None:
        context.expose_binding("__cspViolation", self._reported)
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("console", self._console)
        context.on("response", self._response)

    def _reported(self, source: Any, text: str) -> None:
        self.violations.append(f"{source['frame'].url}: {text}")

    def _console(self, message: Any) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.violations.append(f"{message.page.url if message.page else ''}: {message.text}")

    def _response(self, response: Any) -> None:
        request = response.request
        if (
            request.resource_type == "document"
            and "content-security-policy" not in response.headers
        ):
            self.unprotected.append(f"{response.status} {request.method} {response.url}")

    def check(self) -> None:
        problems = [*self.violations, *(f"no policy: {page}" for page in self.unprotected)]
        if problems:
            pytest.fail("Content-Security-Policy:\n" + "\n".join(problems), pytrace=False)


class GuardedBrowser:
    """The session's browser as a test sees it: every context it opens is watched by the test's
    :class:`CspGuard`, and closed when the test ends."""

    def __init__(self, browser: Any, guard: CspGuard) -> None:
        self._browser = browser
        self.guard = guard
        self.contexts: list[Any] = []

    def new_context(self, **options: Any) -> Any:
        context = self._browser.new_context(**options)
        self.guard.watch(context)
        self.contexts.append(context)
        return context

    def new_page(self, **options: Any) -> Any:
        return self.new_context(**options).new_page()

    def close(self) -> None:
        for context in self.contexts:
            context.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def browser(chromium: object) -> Iterator[GuardedBrowser]:
    """The browser every browser test uses: one violation of the Content-Security-Policy on any
    page it opened (or a page of the site without a policy) fails the test."""
    guarded = GuardedBrowser(chromium, CspGuard())
    yield guarded
    # Closing delivers the events still on their way, so the guard sees the whole test.
    guarded.close()
    guarded.guard.check()


def choose_language(page: Any, locale: str) -> None:
    """Choose a language in the navigation bar and send it with its button (choosing alone does
    not reload the page)."""
    page.select_option("#locale-chooser", locale)
    with page.expect_navigation():
        page.click("#locale-submit")


def screenshot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


def phone_page(browser: Any, locale: str, timeout_ms: int = 15_000) -> Any:
    """A page on the phone viewport in ``locale``, waiting up to ``timeout_ms`` for each step (a
    journey on the loaded CI machine takes longer than Playwright's default for some clicks)."""
    page = browser.new_context(viewport=PHONE, locale=locale).new_page()
    page.set_default_timeout(timeout_ms)
    return page
