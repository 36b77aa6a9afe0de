"""The pages of the case file: the coordinator's (coordinator.py) and the person's own (own.py);
their URLs are listed in app/casefile/routes.py."""
