"""The dashboard's bar charts at desktop width in German and Arabic (mirrored): no label runs
into a bar or out of its chart. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import pytest

from tests.app.browser import choose_language, screenshot
from tests.app.builders import Builders
from tests.app.live_server import serve
from tests.app.two_factor import pass_second_step_in_browser

DESKTOP = {"width": 1280, "height": 900}

# Every text and bar of each chart in page pixels; a text's height is its ink (what the
# glyphs cover, measured on a canvas in the same font), not its line box, which in Arabic is
# twice the font size and would overlap even where nothing touches.
BOXES = """svg => {
  const ctx = document.createElement("canvas").getContext("2d");
  const m = svg.getScreenCTM();
  return [...svg.querySelectorAll(":scope > text, :scope > rect")].map(node => {
    const box = node.getBoundingClientRect();
    const item = {tag: node.tagName, text: node.textContent, left: box.left, right: box.right,
                  top: box.top, bottom: box.bottom};
    if (node.tagName === "text") {
      const style = getComputedStyle(node);
      const own = [...node.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join("");
      ctx.font = `${style.fontSize} ${style.fontFamily}`;
      const ink = ctx.measureText(own);
      const baseline = m.f + m.d * node.y.baseVal[0].value;
      item.text = own;
      item.top = baseline - ink.actualBoundingBoxAscent * m.d;
      item.bottom = baseline + ink.actualBoundingBoxDescent * m.d;
    }
    return item;
  });
}"""
CHART = """svg => { const box = svg.getBoundingClientRect(); return [box.left, box.right]; }"""


def overlap(a: dict, b: dict) -> bool:
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > 0.5
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.5
    )


def open_dashboard(browser, site, coordinator, region_id: int, locale: str):
    page = browser.new_context(viewport=DESKTOP, locale=locale).new_page()
    page.set_default_timeout(10_000)
    page.goto(site + "/login")
    page.fill("#email", coordinator.email)
    page.fill("#password", Builders.PASSWORD)
    page.click("main form button[type=submit]")
    pass_second_step_in_browser(page, coordinator.email)
    page.goto(f"{site}/evidence/{region_id}")
    if page.locator("html").get_attribute("lang") != locale:
        choose_language(page, locale)
    return page


def assert_labels_clear(chart) -> None:
    """No text overlaps a bar or another text, and every text stays inside the chart."""
    boxes = chart.evaluate(BOXES)
    left, right = chart.evaluate(CHART)
    texts = [b for b in boxes if b["tag"] == "text"]
    bars = [b for b in boxes if b["tag"] == "rect"]
    for i, text in enumerate(texts):
        assert left - 0.5 <= text["left"] and text["right"] <= right + 0.5, text["text"]
        assert not [bar for bar in bars if overlap(text, bar)], text["text"]
        crossing = [other for other in texts[i + 1 :] if overlap(text, other)]
        assert not crossing, (text, crossing)


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["de", "ar"])
def test_bar_labels_do_not_overlap_their_bars(app, browser, district, locale):
    with serve(app) as site:
        page = open_dashboard(browser, site, district.coordinator, district.ids.district, locale)
        assert page.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
        places = page.locator("section[aria-labelledby=places-heading] svg.chart")
        label = "Arbeitsstellen und Ausbildung" if locale == "de" else "الوظائف والتدريب المهني"
        assert label in places.inner_html()
        screenshot(page, f"evidence-charts-1280-{locale}")
        for chart in page.locator("svg.chart").all():
            assert_labels_clear(chart)
        bars = [b for b in places.evaluate(BOXES) if b["tag"] == "rect"]
        left, right = places.evaluate(CHART)
        starts = {round(b["right"] if locale == "ar" else b["left"]) for b in bars[:4]}
        side = right if locale == "ar" else left  # bars grow from the reading side
        assert all(abs(start - side) < 3 for start in starts), (starts, side)
        page.context.close()
