"""Qt item models, one per module; each is built from service results."""
