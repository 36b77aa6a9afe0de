"""Demo data: one real district, Landkreis Osnabrück, filled with realistic people and offers."""
