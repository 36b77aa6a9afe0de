"""Person profiles per role: skills, languages with CEFR level, location, availability, status."""
