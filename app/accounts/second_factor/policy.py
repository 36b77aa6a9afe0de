"""Who must use a second factor, who may turn it off, who may reset it; how codes are checked."""

from __future__ import annotations

from app.accounts.models import User
from app.core.permissions import Role

# Coordinators and administrators read case files (special-category data, GDPR Art. 9).
STAFF_ROLES = (Role.COORDINATOR, Role.ADMIN)
# A code of the step before or after the server's is accepted: phones' clocks drift a little.
VALID_WINDOW = 1
RECOVERY_CODE_COUNT = 10
# How long the password step stays valid while the person fetches their phone.
PENDING_SECONDS = 300


def requires_second_factor(user: User) -> bool:
    return user.has_any_role(*STAFF_ROLES)


def may_turn_off(user: User) -> bool:
    """Staff keep their factor; an administrator resets it when the phone is lost."""
    return not requires_second_factor(user)


def may_reset_others(actor: User) -> bool:
    return actor.has_role(Role.ADMIN)
