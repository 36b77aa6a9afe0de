"""Places: German postcodes to town and coordinates (offline data), distances, regions."""
