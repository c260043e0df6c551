"""The Objectives tab: the objective tree (model, view, filter, moves, edit menu), the
editor beside it with its milestone and indicator tables, and their undo commands."""
