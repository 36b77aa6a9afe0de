"""Offers: mentors' tandem places, volunteers' help, employers' openings, advisers' slots."""
