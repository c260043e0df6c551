"""The Exchange menu: starter files, change packages, imports and the conflicts view."""
