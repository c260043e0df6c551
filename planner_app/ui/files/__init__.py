"""The File menu: new, open, recent files, backups, preferences, Excel export and import,
PDF export and printing."""
