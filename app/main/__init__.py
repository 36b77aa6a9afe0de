"""Start page, health check and the language chooser."""
