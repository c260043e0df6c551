"""The Budget tab: the budget tree-table, its editor and chart, and its undo commands."""
