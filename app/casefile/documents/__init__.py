"""Printed documents of a case file: the agreement and the report, rendered to PDF in the
background, with their forms, reads, writes and views."""
