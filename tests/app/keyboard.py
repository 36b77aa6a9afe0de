"""A person who uses the keyboard alone, in Debian's chromium: Tab and Shift+Tab to move, Enter
and Space to act, arrow keys in a select, typing in a field. No click, no fill, no selector.

Controls are found as a screen reader finds them: by the role and the accessible name the
browser's own accessibility tree gives the focused element (DevTools protocol,
``Accessibility.getPartialAXTree``), so a control whose name is missing or wrong cannot be
reached. Every element that takes the focus on the way must show it (a computed outline or box
shadow, inside the viewport).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Page

# The focused element's focus indicator and its place on the screen.
FOCUS_STYLE = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none";
  const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
    && box.top < innerHeight && box.left < innerWidth;
  return {visible: (outline || shadow) && onScreen, tag: element.tagName,
          outline: `${style.outlineStyle} ${style.outlineWidth}`, shadow: style.boxShadow,
          box: [box.left, box.top, box.width, box.height]};
}"""

IN_MAIN = "() => document.querySelector('main').contains(document.activeElement)"
SELECTED_OPTION = "() => document.activeElement.selectedOptions[0]?.text.trim() ?? ''"


@dataclass
class Keyboard:
    """Drives one page by keys; ``stops`` lists every (role, name) that took the focus."""

    page: Page
    stops: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.cdp = self.page.context.new_cdp_session(self.page)

    def focused(self) -> tuple[str, str]:
        """The focused element's role and accessible name, from the browser's tree."""
        found = self.cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})
        handle = found["result"].get("objectId")
        if handle is None:
            return ("", "")
        tree = self.cdp.send(
            "Accessibility.getPartialAXTree", {"objectId": handle, "fetchRelatives": False}
        )
        self.cdp.send("Runtime.releaseObject", {"objectId": handle})
        node: dict[str, Any] = tree["nodes"][0] if tree["nodes"] else {}
        return (node.get("role", {}).get("value", ""), node.get("name", {}).get("value", ""))

    def check_focus_visible(self) -> None:
        shown = self.page.evaluate(FOCUS_STYLE)
        assert shown["visible"], f"focus not visible on {self.focused()}: {shown}"

    def press(self, key: str) -> tuple[str, str]:
        self.page.keyboard.press(key)
        now = self.focused()
        # Past the last element the focus leaves the page (the document's body, no role): the
        # next Tab starts again at the top, as in a browser's window.
        if now[0] not in {"", "RootWebArea", "none"}:
            self.stops.append(now)
            self.check_focus_visible()
        return now

    def tab_to(self, role: str, name: str, *, back: bool = False, limit: int = 150) -> None:
        """Tab (or Shift+Tab) until the control with this role and name has the focus."""
        key = "Shift+Tab" if back else "Tab"
        start = len(self.stops)
        for _ in range(limit):
            if self.press(key) == (role, name):
                return
        passed = "\n".join(f"  {r}: {n!r}" for r, n in self.stops[start:])
        raise AssertionError(f"no {role} named {name!r} reached by {key}; passed:\n{passed}")

    def activate(self, role: str, name: str, key: str = "Enter", **options: Any) -> None:
        """Move to the control and press Enter (a link, a button) or Space (a checkbox)."""
        self.tab_to(role, name, **options)
        self.page.keyboard.press(key)

    def follow(self, role: str, name: str, **options: Any) -> None:
        """Move to a link or a submit button and press Enter: a new page loads."""
        self.tab_to(role, name, **options)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def type_into(self, name: str, text: str, role: str = "textbox", **options: Any) -> None:
        self.tab_to(role, name, **options)
        self.page.keyboard.type(text)

    def choose(self, name: str, option: str, **options: Any) -> None:
        """Move to a select and press the arrow keys until ``option`` is the chosen one."""
        self.tab_to("combobox", name, **options)
        for key in ("ArrowDown", "ArrowUp"):
            seen: set[str] = set()
            while (shown := self.page.evaluate(SELECTED_OPTION)) != option and shown not in seen:
                seen.add(shown)
                self.page.keyboard.press(key)
            if shown == option:
                return
        raise AssertionError(f"{name!r} has no option {option!r}")

    def skip_link_works(self, name: str) -> None:
        """The first Tab on a fresh page reaches the skip link, which is visible then; Enter
        on it moves the focus to the main content, and the next Tab stays in it (past the
        navigation)."""
        assert self.press("Tab") == ("link", name), self.stops[-1:]
        self.page.keyboard.press("Enter")
        assert self.page.evaluate("document.activeElement.id") == "main"
        self.press("Tab")
        assert self.page.evaluate(IN_MAIN), self.stops[-1:]
