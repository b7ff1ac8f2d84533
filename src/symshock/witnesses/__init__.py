"""Witness modules, one per theorem family; importing one registers its witnesses."""
