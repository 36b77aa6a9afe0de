"""The site can be put on a phone's home screen: a manifest in the reader's language, real icons."""

from __future__ import annotations

import io
import re

from PIL import Image


def linked(html: str, rel: str) -> list[str]:
    return re.findall(rf'<link rel="{rel}" href="([^"]+)"', html)


def test_every_page_links_the_manifest_and_icons(client):
    html = client.get("/").get_data(as_text=True)
    assert linked(html, "manifest") == ["/manifest.webmanifest"]
    assert linked(html, "icon") and linked(html, "apple-touch-icon")
    for href in linked(html, "icon") + linked(html, "apple-touch-icon"):
        assert client.get(href).status_code == 200, href


def test_the_manifest_names_the_site_and_its_icons_exist_in_their_sizes(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json()
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    assert manifest["lang"] == "de" and manifest["dir"] == "ltr"
    assert "Brücke" in manifest["short_name"]
    purposes = {icon["purpose"] for icon in manifest["icons"]}
    assert purposes == {"any", "maskable"}
    for icon in manifest["icons"]:
        image = Image.open(io.BytesIO(client.get(icon["src"]).data))
        assert "x".join(map(str, image.size)) == icon["sizes"] and image.format == "PNG"
    assert max(icon["sizes"] for icon in manifest["icons"]) == "512x512"  # install prompt needs it


def test_the_manifest_follows_the_readers_language(client):
    client.post("/language", data={"locale": "ar"})
    manifest = client.get("/manifest.webmanifest").get_json()
    assert manifest["lang"] == "ar" and manifest["dir"] == "rtl"
    assert re.search("[\u0600-\u06ff]", manifest["name"]), manifest["name"]


def test_favicon_ico_answers_where_browsers_look_for_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert Image.open(io.BytesIO(response.data)).format == "ICO"
