"""What every view says the same way: a form shown again after it failed, an action refused."""

from __future__ import annotations

from typing import Any, Final

from flask import Response, flash, redirect, render_template

from app.core.errors import DomainError
from app.extensions import db

FORM_FAILED: Final = 422  # a submitted form shown again with its errors


def form_status(form: Any = None) -> int:
    """422 when ``form`` was submitted (so it is shown again because it failed), else 200."""
    return FORM_FAILED if form is not None and form.is_submitted() else 200


def render_form(template: str, form: Any = None, **context: Any) -> tuple[str, int]:
    """Render ``template`` with ``form``: 200 on the first visit, 422 when it was submitted and
    is shown again with its errors."""
    return render_template(template, form=form, **context), form_status(form)


def refused(error: DomainError, target: str) -> Response:
    """Undo what the refused action wrote, say why on the next page and go to ``target``."""
    db.session.rollback()
    flash(str(error.message), "danger")
    return redirect(target)  # type: ignore[return-value]
