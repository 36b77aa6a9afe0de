"""What a profile change tells the domains built on profiles, without profiles importing them.

offers sits above profiles (an offer belongs to a person); a mentor's tandem places and what a
volunteer helps with are written in the profile but published as an offer, which the offers
domain owns. So profiles announces the
change and app.offers.services, which listens, keeps the offer: the import goes one way only.
"""

from __future__ import annotations

from blinker import Namespace

signals = Namespace()

# sender: the mentor's Person; capacity: the tandem places now offered (0: none).
mentor_places_changed = signals.signal("mentor-places-changed")
# sender: the volunteer's Person; interests: what they help with (keys of the interest labels,
# empty: nothing offered now); hours: hours a week, or None.
volunteer_help_changed = signals.signal("volunteer-help-changed")
