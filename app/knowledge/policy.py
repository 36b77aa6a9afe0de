"""Who may read, edit and publish which knowledge article: every route of the package asks here.

- Public published answers are for everyone; internal answers and articles not live are for the
  authorities (coordinators and administrators).
- An article belongs to an organisation. Only its coordinators and administrators edit it, and an
  edit never moves it to another organisation (an article of no organisation is the
  administrators').
- A text goes live only when published by someone other than the people who wrote the waiting
  versions, of the same organisation (four eyes), or by an administrator, who may publish their own.
"""

from __future__ import annotations

from typing import Any

from app.accounts.models import User
from app.core.permissions import Role
from app.knowledge.models import Article, ArticleStatus, Audience

EDITOR_ROLES = (Role.COORDINATOR, Role.ADMIN)


def is_editor(user: Any) -> bool:
    """An authority: may write articles for its organisations and read internal ones."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_any_role(*EDITOR_ROLES)


def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_role(Role.ADMIN)


def may_see(user: Any, article: Article) -> bool:
    """Public published answers for everyone; internal ones and drafts for authorities only."""
    if is_editor(user):
        return True
    return article.status == ArticleStatus.PUBLISHED and article.audience == Audience.PUBLIC


def own_organisation_ids(user: User) -> set[int]:
    """The organisations a coordinator writes for."""
    if not user.has_role(Role.COORDINATOR):
        return set()
    return {m.organisation_id for m in user.memberships}


def may_own(user: User, organisation_id: int | None) -> bool:
    """May a new article belong to this organisation (None: to nobody, administrators only)?"""
    return is_admin(user) or organisation_id in own_organisation_ids(user)


def may_edit(user: Any, article: Article) -> bool:
    """Write new versions, change settings and the review status (except publishing)."""
    if not is_editor(user):
        return False
    return is_admin(user) or article.organisation_id in own_organisation_ids(user)


def may_publish(user: Any, article: Article) -> bool:
    """Put the waiting versions live: an administrator, or an editor of the article who wrote
    none of them (a second pair of eyes)."""
    if not may_edit(user, article):
        return False
    if is_admin(user):
        return True
    return all(v.edited_by_id != user.id for v in article.pending_versions)


def sees_pending(user: Any, article: Article) -> bool:
    """Editors of an article read its waiting versions (to review them); everyone else reads
    what readers get. Of an article that is not live nothing is published: whoever may see it
    (an authority) reads its newest text."""
    return may_edit(user, article) or article.status != ArticleStatus.PUBLISHED
