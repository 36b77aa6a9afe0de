"""Who may read or change which section of a case file, and the audit trail of every access."""
