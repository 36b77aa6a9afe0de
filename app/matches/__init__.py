"""Matches: rounds, proposals, approvals, ratings; the only place that calls ``matching``."""
