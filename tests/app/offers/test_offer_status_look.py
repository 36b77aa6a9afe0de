"""An offer's status reads at a glance (issue 15): the button says what it does ("Publish", not
"Set to: Published"), and a draft and a published offer wear badges of their own colour and sign,
each with white text at WCAG AA contrast (4.5:1) in the stylesheets the site serves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[3] / "static"
BADGE = re.compile(
    r'<span class="badge (text-bg-\w+) offer-status offer-status-(\w+)">'
    r'(<span aria-hidden="true">[^<]*</span>[^<]*)</span>'
)


def badges(html: str) -> dict[str, tuple[str, str]]:
    """status → (colour class, visible text) of every status badge on the page."""
    return {
        status: (colour, " ".join(re.sub(r"<[^>]+>", "", inner).split()))
        for colour, status, inner in BADGE.findall(html)
    }


def theme_rgb(name: str) -> tuple[int, int, int]:
    """The colour ``--bs-<name>-rgb`` as the page gets it: Bootstrap's, unless app.css sets it."""
    found = None
    for sheet in ("vendor/bootstrap-5.3.8/bootstrap.min.css", "css/app.css"):
        match = re.search(
            rf"--bs-{name}-rgb:\s*(\d+),\s*(\d+),\s*(\d+)", (STATIC / sheet).read_text()
        )
        found = tuple(int(part) for part in match.groups()) if match else found
    assert found is not None, name
    return found  # type: ignore[return-value]


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_with_white(rgb: tuple[int, int, int]) -> float:
    return 1.05 / (luminance(rgb) + 0.05)


@pytest.fixture
def draft_and_published(world, offers):
    return (
        offers.offer(world.employer_person, world.bramsche, status="draft", title="Lagerhilfe"),
        offers.offer(world.employer_person, world.bramsche, status="published", title="Koch"),
    )


def test_draft_and_published_badges_differ_in_colour_sign_and_word(
    client, login, world, draft_and_published
):
    login(world.employer)
    page = client.get("/offers/mine", headers={"Accept-Language": "en"}).get_data(as_text=True)
    found = badges(page)
    assert found["draft"][0] != found["published"][0]
    assert found["draft"][1] == "✎ Draft" and found["published"][1] == "✓ Published"
    for colour, _text in found.values():
        rgb = theme_rgb(colour.removeprefix("text-bg-"))
        assert contrast_with_white(rgb) >= 4.5, (colour, rgb)


def test_the_publish_button_says_publish(client, login, world, draft_and_published):
    draft, published = draft_and_published
    login(world.employer)
    client.post("/language", data={"locale": "de", "next": "/"})
    page = client.get(f"/offers/{draft.id}")
    html = page.get_data(as_text=True)
    assert ">Veröffentlichen</button>" in html and "Setzen auf" not in html
    assert badges(html) == {"draft": ("text-bg-secondary", "✎ Entwurf")}
    html = client.get(f"/offers/{published.id}").get_data(as_text=True)
    assert (
        ">Als Entwurf zurücknehmen</button>" in html and ">Als besetzt markieren</button>" in html
    )


FLASH = re.compile(r'<div class="alert alert-\w+" role="\w+">(.*?)</div>', re.S)


def flashed(response) -> str:
    [message] = FLASH.findall(response.get_data(as_text=True))
    return " ".join(message.split())


def test_the_owner_is_told_what_a_change_of_status_did(client, login, world, draft_and_published):
    """Issue 15: after publishing, the message said only "The status was changed"."""
    draft, published = draft_and_published
    login(world.employer)
    client.post("/language", data={"locale": "de", "next": "/"})

    def change(offer, status):
        return flashed(
            client.post(
                f"/offers/{offer.id}/status", data={"status": status}, follow_redirects=True
            )
        )

    assert change(draft, "published") == "Das Angebot ist veröffentlicht."
    assert change(published, "filled") == "Das Angebot ist als besetzt markiert."
    client.post("/language", data={"locale": "en", "next": "/"})
    assert change(draft, "draft") == "The offer is taken back as a draft."
