"""Roles as named constants with translatable labels, and the one access decorator."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user

P = ParamSpec("P")
R = TypeVar("R")


class Role(StrEnum):
    REFUGEE = "refugee"
    VOLUNTEER = "volunteer"
    MENTOR = "mentor"
    EMPLOYER = "employer"
    ADVISER = "adviser"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


ROLE_LABELS = {
    Role.REFUGEE: _l("Newcomer"),
    Role.VOLUNTEER: _l("Volunteer"),
    Role.MENTOR: _l("Mentor"),
    Role.EMPLOYER: _l("Employer"),
    Role.ADVISER: _l("Start-up adviser"),
    Role.COORDINATOR: _l("Coordinator"),
    Role.ADMIN: _l("Administrator"),
}

# Roles a person may take by signing up; the others are given by an administrator or coordinator.
SELF_SERVICE_ROLES = (Role.REFUGEE, Role.VOLUNTEER, Role.MENTOR, Role.EMPLOYER, Role.ADVISER)


def require(*roles: Role) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Let a view run only for a logged-in user holding one of ``roles`` (any role if none given).

    Anonymous users are sent to the login page; logged-in users without the role get 403.
    """

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            if not current_user.is_authenticated:
                from app.extensions import login_manager

                return login_manager.unauthorized()  # type: ignore[no-any-return]
            if roles and not current_user.has_any_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return guarded

    return decorate
