"""Models of the evidence package."""
