"""Witnesses for the quotient family."""
