"""How much one client may write into the knowledge base without being an editor.

Searching and reading are open to everyone, so a script could otherwise fill the open-question
list with invented questions or vote an answer up or down at will. Each client (a signed-in
user, or else an address) gets a budget per hour for both; the numbers are settings.
"""

from __future__ import annotations

from flask import current_app
from flask_limiter.util import get_remote_address
from flask_login import current_user
from limits import parse

from app.extensions import limiter

QUESTIONS_SETTING = "KNOWLEDGE_QUESTIONS_LIMIT"
FEEDBACK_SETTING = "KNOWLEDGE_FEEDBACK_LIMIT"


def client_key() -> str:
    if current_user.is_authenticated:
        return f"user:{current_user.get_id()}"
    return f"address:{get_remote_address()}"


def feedback_limit() -> str:
    return str(current_app.config[FEEDBACK_SETTING])


def may_log_question() -> bool:
    """Whether this client's unanswered question may still be counted this hour (the search
    itself is always answered; only the row for the editors is left out)."""
    budget = parse(str(current_app.config[QUESTIONS_SETTING]))
    return limiter.limiter.hit(budget, "knowledge-question", client_key())
