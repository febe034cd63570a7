"""Catálogo de buenas prácticas de la CSM: load → validate → model → render → write."""
