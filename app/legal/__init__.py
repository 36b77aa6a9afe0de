"""The pages a public body must publish: accessibility statement, Leichte Sprache, sign language,
Impressum and contact. The privacy notice stays at main.privacy; all take the operator's details
from configuration (app.legal.operator)."""
