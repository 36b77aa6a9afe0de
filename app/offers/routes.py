"""Offer pages: find and filter offers, employers' and advisers' own offers, requests."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("offers", __name__)
