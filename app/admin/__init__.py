"""Administration: inviting coordinators into organisations."""
