"""The plan's levels on its Properties page: a preset in one choice, or each level's
use, name and code pattern, and whether objectives carry a status.

Names and patterns are the plan's content: they are edited in the content language the
window shows (the toolbar's switch), and an example line shows the codes they print
("SD 1 → OD 1.1 → 1.1.1"). Every change is an undo command through the document.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner_app.domain.codes import LevelScheme
from planner_app.domain.enums import ObjectiveLevel
from planner_app.domain.labels import label
from planner_app.domain.levels import LEVELS, PRESETS, LevelSpec
from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.services import levels, plans
from planner_app.services.common import reshapes_plan
from planner_app.ui.core.document import Applied, PlanDocument, document_read_only
from planner_app.ui.core.document_bound import DocumentBound
from planner_app.ui.core.labels import capitalised
from planner_app.ui.core.text_fields import TextBinding
from planner_app.ui.plan.commands import UpdatePlanCommand
from planner_app.ui.plan.level_commands import SetLevelsCommand

_CUSTOM = ""  # the preset combo's data for levels no preset has


class LevelsEditor(DocumentBound, QGroupBox):
    """Owns the preset combo, one row of inputs per level and the status checkbox; holds
    the plan's ``LevelScheme`` as last read (re-read after every change to the plan).
    GUI thread only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Levels and numbering"), parent)
        self._document: PlanDocument | None = None
        self._scheme: LevelScheme | None = None
        self._language = ""
        self._loading = False
        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("level_preset")
        for key, preset in PRESETS.items():
            self.preset_combo.addItem(_(preset.label), key)
        self.preset_combo.addItem(_("Custom"), _CUSTOM)
        self.preset_combo.activated.connect(self._preset_chosen)
        self.used: dict[ObjectiveLevel, QCheckBox] = {}
        self.names: dict[ObjectiveLevel, QLineEdit] = {}
        self.patterns: dict[ObjectiveLevel, QLineEdit] = {}
        self._bindings: list[TextBinding] = []
        grid = QGridLayout()
        grid.addWidget(QLabel(_("Used")), 0, 1)
        self.name_header = QLabel(_("Name"))
        self.pattern_header = QLabel(_("Code pattern"))
        grid.addWidget(self.name_header, 0, 2)
        grid.addWidget(self.pattern_header, 0, 3)
        for row, level in enumerate(LEVELS, start=1):
            grid.addWidget(QLabel(capitalised(label(level))), row, 0)
            used = QCheckBox()
            used.setToolTip(_("Whether the plan has objectives on this level."))
            used.toggled.connect(lambda on, lv=level: self._used_toggled(lv, on))
            name, pattern = QLineEdit(), QLineEdit()
            name.setObjectName(f"level_name_{level.value}")
            pattern.setObjectName(f"level_pattern_{level.value}")
            pattern.setToolTip(
                _(
                    "How codes of this level print: {n} is its number, {parent} its "
                    "parent's (for example OO {parent}.{n}, or a plain {parent}.{n})."
                )
            )
            self.used[level], self.names[level], self.patterns[level] = used, name, pattern
            for field, widget in (("name", name), ("pattern", pattern)):
                binding = TextBinding(self, widget, f"{level.value}:{field}", self._commit_text)
                self._bindings.append(binding)
            grid.addWidget(used, row, 1)
            grid.addWidget(name, row, 2)
            grid.addWidget(pattern, row, 3)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(3, 1)
        self.example = QLabel()
        self.example.setObjectName("level_example")
        self.example.setStyleSheet("color: palette(placeholder-text);")
        self.track_status = QCheckBox(_("Objectives carry a status (on schedule, done, …)"))
        self.track_status.setObjectName("track_status")
        self.track_status.setToolTip(
            _("Off for a strategic plan: its document then shows no status.")
        )
        self.track_status.toggled.connect(self._track_toggled)
        self.reports_quarterly = QCheckBox(_("Indicators' actuals are reported per quarter"))
        self.reports_quarterly.setObjectName("reports_quarterly")
        self.reports_quarterly.setToolTip(
            _("Each indicator's years then take an actual for each quarter.")
        )
        self.reports_quarterly.toggled.connect(self._quarterly_toggled)
        preset_row = QHBoxLayout()
        preset_row.addWidget(QLabel(_("Preset")))
        preset_row.addWidget(self.preset_combo)
        preset_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(preset_row)
        layout.addLayout(grid)
        layout.addWidget(self.example)
        layout.addWidget(self.track_status)
        layout.addWidget(self.reports_quarterly)

    # --- public ----------------------------------------------------------------------

    def set_document(self, document: PlanDocument | None) -> None:
        self.commit_pending()
        super().set_document(document)

    def set_language(self, language: str) -> None:
        """Edit names and patterns in ``language`` (one of the plan's)."""
        self.commit_pending()
        self._language = language
        self.reload(force=True)

    def commit_pending(self) -> None:
        for binding in self._bindings:
            binding.commit()

    # --- edits -----------------------------------------------------------------------

    def _lang(self) -> str:
        scheme = self._scheme
        if scheme is None:
            return self._language
        return self._language if self._language in scheme.languages else scheme.main

    def _run(self, command) -> bool:
        assert self._document is not None
        outcome = self._document.run(command, initiator=self)
        if outcome:
            self.reload(force=False)  # our own change: shown at once
        return bool(outcome)

    def _spec(self, level: ObjectiveLevel, **change: object) -> LevelSpec:
        assert self._scheme is not None
        spec = self._scheme.spec(level)
        name, pattern, used = dict(spec.name), dict(spec.pattern), spec.used
        if "name" in change:
            name[self._lang()] = str(change["name"])
        if "pattern" in change:
            pattern[self._lang()] = str(change["pattern"])
        if "used" in change:
            used = bool(change["used"])
        return LevelSpec(level, used, name, pattern)

    def _commit_text(self, binding: TextBinding) -> None:
        if self._loading or self._scheme is None or document_read_only(self._document):
            return
        level_value, field = binding.field.split(":")
        level = ObjectiveLevel(level_value)
        text = binding.text().strip()
        key = ("levels", level, field, binding.session)
        command = SetLevelsCommand(
            self._document,  # type: ignore[arg-type]
            [self._spec(level, **{field: text})],
            merge_key=key,
        )
        if not self._run(command):
            self.reload(force=True)

    def _used_toggled(self, level: ObjectiveLevel, on: bool) -> None:
        if self._loading or self._scheme is None or document_read_only(self._document):
            return
        command = SetLevelsCommand(
            self._document,  # type: ignore[arg-type]
            [self._spec(level, used=on)],
            merge_key=None,
        )
        if not self._run(command):
            self.reload(force=True)

    def _preset_chosen(self, _index: int) -> None:
        key = self.preset_combo.currentData()
        if self._loading or key == _CUSTOM or document_read_only(self._document):
            self.reload(force=True)
            return
        assert self._scheme is not None
        try:
            specs = levels.preset_specs(self._scheme, key)
        except PlannerError as err:
            self._document.refuse(str(err), self)  # type: ignore[union-attr]
            return
        command = SetLevelsCommand(self._document, specs, preset=True, merge_key=None)  # type: ignore[arg-type]
        if not self._run(command):
            self.reload(force=True)

    def _track_toggled(self, on: bool) -> None:
        if self._loading or self._document is None or document_read_only(self._document):
            return
        if not self._run(UpdatePlanCommand(self._document, "track_status", on, merge_key=None)):
            self.reload(force=True)

    def _quarterly_toggled(self, on: bool) -> None:
        if self._loading or self._document is None or document_read_only(self._document):
            return
        command = UpdatePlanCommand(self._document, "reports_quarterly", on, merge_key=None)
        if not self._run(command):
            self.reload(force=True)

    # --- showing ---------------------------------------------------------------------

    def _on_changed(self, applied: Applied) -> None:
        """An undo or redo, or an edit made elsewhere (the plan's languages)."""
        changed = applied.changed
        if applied.initiator is not self and reshapes_plan(changed):
            self.reload(force=True)

    def reload(self, *, force: bool = True) -> None:
        document = self._document
        self._scheme, info = None, None
        if document is not None:
            try:
                self._scheme = levels.load_scheme(document.store, document.plan_id)
                info = plans.plan_info(document.store, document.plan_id)
            except PlannerError:
                self._scheme = None
        scheme, lang = self._scheme, self._lang()
        read_only = document_read_only(document) or scheme is None
        self._loading = True
        try:
            suffix = f" ({lang})" if scheme is not None and len(scheme.languages) > 1 else ""
            self.name_header.setText(_("Name") + suffix)
            self.pattern_header.setText(_("Code pattern") + suffix)
            preset = levels.matching_preset(scheme) if scheme is not None else None
            self.preset_combo.setCurrentIndex(self.preset_combo.findData(preset or _CUSTOM))
            self.preset_combo.setEnabled(not read_only)
            for binding in self._bindings:
                level_value, field = binding.field.split(":")
                level = ObjectiveLevel(level_value)
                value = ""
                if scheme is not None:
                    value = (
                        scheme.name(level, lang)
                        if field == "name"
                        else _pattern_text(scheme, level, lang)
                    )
                binding.load(value, force=force)
                binding.widget.setReadOnly(read_only)
            for level, box in self.used.items():
                box.setChecked(scheme is not None and scheme.used(level))
                box.setEnabled(not read_only and level is not ObjectiveLevel.STRATEGIC)
            self.example.setText(_example(scheme, lang) if scheme is not None else "")
            self.track_status.setChecked(bool(info and info.track_status))
            self.track_status.setEnabled(not read_only)
            self.reports_quarterly.setChecked(bool(info and info.reports_quarterly))
            self.reports_quarterly.setEnabled(not read_only)
        finally:
            self._loading = False


def _pattern_text(scheme: LevelScheme, level: ObjectiveLevel, lang: str) -> str:
    pattern = scheme.pattern(level, lang)
    return f"{pattern.prefix}{pattern.number}{pattern.suffix}"


def _example(scheme: LevelScheme, lang: str) -> str:
    """ "SD 1 → OD 1.1 → 1.1.1": the first code of each level the plan uses."""
    parts, parent = [], ""
    for level in scheme.used_levels():
        number = scheme.pattern(level, lang).make(parent, 1)
        parts.append(scheme.printed(level, number, False, lang))
        parent = number
    return _("Codes: {example}").format(example=" → ".join(parts))
