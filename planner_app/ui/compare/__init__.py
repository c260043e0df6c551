"""Plan → Compare with…: two versions of a plan side by side, each difference a link to
its place in the window; and the way to a place (a tab, a row) that the completeness
list uses too."""
