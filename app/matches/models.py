"""Models of the matches package."""
