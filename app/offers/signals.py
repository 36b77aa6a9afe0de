"""What offers and requests tell the domains built on them, without importing them.

matches sits above offers (a match joins a request and an offer), so a proposal cannot be ended
from here. When a request is withdrawn or an offer stops taking people, offers announces it and
app.matches.lifecycle, which listens, ends the undecided proposals that waited on it.
"""

from __future__ import annotations

from blinker import Namespace

signals = Namespace()

# sender: the withdrawn request's id.
request_withdrawn = signals.signal("request-withdrawn")
# sender: a tuple of offer ids; full: True when they have no place left (filled), False when
# they are no longer published (back to draft, expired).
offers_closed = signals.signal("offers-closed")
