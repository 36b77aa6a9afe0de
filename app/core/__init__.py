"""Cross-cutting pieces shared by every domain package; imports no domain package."""
