"""Built-in figures, drawn from the public APIs of the other layers when they are present."""
