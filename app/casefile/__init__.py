"""The case file (elektronische Akte): history of a person's path, consent per organisation and
purpose, and the audit trail of every read and change."""
