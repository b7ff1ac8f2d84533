"""Witnesses for the shock family."""
