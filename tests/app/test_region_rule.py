"""The "coordinator acts in this region" rule is written once, in app.accounts.policy.

Five domains used to carry their own copy (may_coordinate, coordinates_region, coordinates_person,
may_read …); a copy that drifts is how one domain ends up scoping by the offer and another by the
person. Domains may scope a listing with ``coordinated_region_ids`` inside a query, but a membership
test of one object goes through ``acts_in_region``.
"""

from __future__ import annotations

import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
POLICY = APP / "accounts" / "policy.py"
MEMBERSHIP_TEST = re.compile(r"\bin\s+coordinated_region_ids\(|\bin\s+regions\b.*region_id")


def test_only_the_accounts_policy_tests_membership_in_a_coordinators_regions() -> None:
    offenders = []
    for module in APP.rglob("*.py"):
        if module == POLICY:
            continue
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), 1):
            if MEMBERSHIP_TEST.search(line):
                offenders.append(f"{module.relative_to(APP.parent)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_coordinated_regions_are_computed_in_one_place() -> None:
    definitions = [
        module.relative_to(APP.parent)
        for module in APP.rglob("*.py")
        if "def coordinated_region_ids(" in module.read_text(encoding="utf-8")
    ]
    assert [str(d) for d in definitions] == ["app/accounts/policy.py"]
