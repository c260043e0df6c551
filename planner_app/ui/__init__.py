"""The Qt user interface: main window, item models, panes and dialogs.

Only this package (and the bootstrap ``planner_app.app``) imports Qt. Widgets and models
read plan data through service functions and hold ids and plain values, never ORM
objects or sessions.
"""
