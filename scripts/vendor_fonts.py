"""Vendor the fonts of the printed documents into static/vendor/fonts/ (run by hand).

The PDFs never use system fonts: their @font-face rules point at these files.

- Noto Sans (npm ``@fontsource/noto-sans``, SIL OFL 1.1): Latin and Cyrillic (German, Ukrainian),
  regular and bold, as the per-script WOFF files the package ships;
- Vazirmatn (npm ``vazirmatn``, SIL OFL 1.1): Arabic, Persian, Dari, Pashto,
  regular and bold TTF;
- Noto Sans Ethiopic (npm ``@fontsource/noto-sans-ethiopic``, SIL OFL 1.1): Tigrinya's Ge'ez script.

Usage: python scripts/vendor_fonts.py   (needs npm; rewrites the fonts' lines in SHA256SUMS)
"""

from __future__ import annotations

import hashlib
import subprocess
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parent.parent / "static" / "vendor"
TARGET = VENDOR / "fonts"
SUMS = VENDOR / "SHA256SUMS"

NOTO = "@fontsource/noto-sans@5.3.0"
NOTO_SUBSETS = ("latin", "latin-ext", "cyrillic", "cyrillic-ext")
VAZIRMATN = "vazirmatn@33.0.3"
ETHIOPIC = "@fontsource/noto-sans-ethiopic@5.3.0"
WEIGHTS = {"400": "Regular", "700": "Bold"}


def unpack(folder: Path, package: str, members: dict[str, str]) -> None:
    """``npm pack`` one package and copy ``members`` (path in the archive → file name)."""
    output = subprocess.run(
        ["npm", "pack", package, "--silent"], cwd=folder, check=True, capture_output=True, text=True
    )
    archive = folder / output.stdout.strip().splitlines()[-1]
    with tarfile.open(archive) as tar:
        for member, name in members.items():
            source = tar.extractfile(f"package/{member}")
            assert source is not None, member
            (TARGET / name).write_bytes(source.read())


def noto_members() -> dict[str, str]:
    members = {"LICENSE": "NotoSans-OFL.txt"}
    for subset in NOTO_SUBSETS:
        for weight in WEIGHTS:
            name = f"noto-sans-{subset}-{weight}-normal.woff"
            members[f"files/{name}"] = name
    return members


def ethiopic_members() -> dict[str, str]:
    members = {"LICENSE": "NotoSansEthiopic-OFL.txt"}
    for weight in WEIGHTS:
        name = f"noto-sans-ethiopic-ethiopic-{weight}-normal.woff"
        members[f"files/{name}"] = name
    return members


def vazirmatn_members() -> dict[str, str]:
    members = {"OFL.txt": "Vazirmatn-OFL.txt"}
    for style in WEIGHTS.values():
        members[f"fonts/ttf/Vazirmatn-{style}.ttf"] = f"Vazirmatn-{style}.ttf"
    return members


def write_sums() -> None:
    """Replace the fonts' lines in SHA256SUMS, keeping every other vendored file's line."""
    kept = [line for line in SUMS.read_text().splitlines() if "  fonts/" not in line]
    for path in sorted(TARGET.iterdir()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        kept.append(f"{digest}  fonts/{path.name}")
    SUMS.write_text("\n".join(kept) + "\n")


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        unpack(Path(tmp), NOTO, noto_members())
        unpack(Path(tmp), VAZIRMATN, vazirmatn_members())
        unpack(Path(tmp), ETHIOPIC, ethiopic_members())
    write_sums()
    print(f"{len(list(TARGET.iterdir()))} files written to {TARGET}")


if __name__ == "__main__":
    main()
