"""Vendor axe-core (npm ``axe-core``, MPL-2.0) into static/vendor/axe-core-<version>/ (run by hand).

Only the browser tests use it: they inject ``axe.min.js`` into each page they crawl and fail on
any WCAG 2.0/2.1 A or AA violation (tests/app/test_accessibility_browser.py); no page links it.

The archive ``npm pack`` fetches is checked against the registry's published SHA-512 integrity
before anything is copied.

Usage: python scripts/vendor_axe.py   (needs npm; rewrites the axe-core lines in SHA256SUMS)
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

VERSION = "4.14.1"
PACKAGE = f"axe-core@{VERSION}"
VENDOR = Path(__file__).resolve().parent.parent / "static" / "vendor"
TARGET = VENDOR / f"axe-core-{VERSION}"
SUMS = VENDOR / "SHA256SUMS"
MEMBERS = {"axe.min.js": "axe.min.js", "LICENSE": "LICENSE"}


def pack(folder: Path) -> Path:
    """``npm pack`` the package and check the archive against the registry's integrity."""
    output = subprocess.run(
        ["npm", "pack", PACKAGE, "--json", "--silent"],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    )
    packed = json.loads(output.stdout)[0]
    archive = folder / packed["filename"]
    algorithm, expected = packed["integrity"].split("-", 1)
    assert algorithm == "sha512", packed["integrity"]
    actual = base64.b64encode(hashlib.sha512(archive.read_bytes()).digest()).decode()
    assert actual == expected, f"{archive.name}: integrity {actual} != {expected}"
    return archive


def unpack(archive: Path) -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive) as tar:
        for member, name in MEMBERS.items():
            source = tar.extractfile(f"package/{member}")
            assert source is not None, member
            (TARGET / name).write_bytes(source.read())


def write_sums() -> None:
    """Replace axe-core's lines in SHA256SUMS, keeping every other vendored file's line."""
    kept = [line for line in SUMS.read_text().splitlines() if "  axe-core-" not in line]
    for path in sorted(TARGET.iterdir()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        kept.append(f"{digest}  {TARGET.name}/{path.name}")
    SUMS.write_text("\n".join(sorted(kept, key=lambda line: line.split("  ")[1])) + "\n")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        unpack(pack(Path(tmp)))
    write_sums()
    print(f"{len(list(TARGET.iterdir()))} files written to {TARGET}")


if __name__ == "__main__":
    main()
