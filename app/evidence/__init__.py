"""Evidence: needs against capacity per region, and the open figures without personal data."""
