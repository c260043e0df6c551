"""The Diversity tab: the yearly diversity plan, its lists, indicators and chart, and
its undo commands."""
