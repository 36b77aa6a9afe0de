"""Pages of the knowledge package."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("knowledge", __name__)
