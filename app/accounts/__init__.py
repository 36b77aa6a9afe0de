"""Accounts: users, roles, organisations, regions, registration and login."""
