"""Who may change a person's profile.

A person with their own account keeps their profile themselves: nobody else edits it, a
coordinator included. A person without an account (a newcomer a coordinator registered, a child)
is kept on behalf: any coordinator whose regions hold the person's home edits the profile for
them, and every such change is audited (``profile_change``). The region rule itself is
``app.accounts.policy``.
"""

from __future__ import annotations

from app.accounts.models import User
from app.accounts.policy import acts_in_region
from app.profiles.models import Person


def keeps_on_behalf(user: User, person: Person) -> bool:
    """Is ``person`` kept on behalf (no account of their own) in a region ``user`` coordinates?"""
    return person.user_id is None and acts_in_region(user, person.region_id)


def may_edit_profile(user: User, person: Person) -> bool:
    """The person edits their own profile; a coordinator only that of a person kept on behalf."""
    own = person.user_id is not None and person.user_id == user.id
    return own or keeps_on_behalf(user, person)
