"""Undo commands: each ``redo``/``undo`` calls services, never SQL (Orange's pattern)."""
