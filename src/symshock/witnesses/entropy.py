"""Witnesses for the entropy family."""
