"""Witnesses for the inertia family."""
