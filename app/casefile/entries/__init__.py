"""The entries of a case file: their kinds, forms and how they are shown."""
