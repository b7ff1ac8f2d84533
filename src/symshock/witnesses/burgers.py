"""Witnesses for the burgers family."""
