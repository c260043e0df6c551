"""The Staffing tab: units × statute as-is and planned, its charts and undo command."""
