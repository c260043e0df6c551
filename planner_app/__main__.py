"""``python -m planner_app`` is the same as the ``planner-app`` command."""

from planner_app.cli import main

raise SystemExit(main())
