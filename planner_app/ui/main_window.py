"""The main window: the open plan file, its plan chooser, the tree and the detail pane."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from planner_app import __version__
from planner_app.domain.enums import PlanState
from planner_app.errors import PlannerError
from planner_app.i18n import _, set_language
from planner_app.services.common import Entity
from planner_app.services.plans import PlanInfo, list_plans, signing_info
from planner_app.services.signatures import signing_progress
from planner_app.services.units import load_units
from planner_app.storage import PlanFile
from planner_app.ui.compare.compare_actions import CompareActions
from planner_app.ui.core.accessible import name_form_fields, no_tab_traps
from planner_app.ui.core.context import WindowContext
from planner_app.ui.core.document import Applied, PlanDocument
from planner_app.ui.core.editors import finish_editing, guard
from planner_app.ui.core.labels import one_line, pick_text, state_label
from planner_app.ui.core.language_switch import LanguageSwitch
from planner_app.ui.core.lazy_tabs import LazyTabs
from planner_app.ui.core.palette_colours import warning_colour
from planner_app.ui.core.qt_translations import install_qt_translator
from planner_app.ui.core.settings import WindowSettings
from planner_app.ui.core.shortcuts_dialog import shortcuts_action
from planner_app.ui.files.document_import_actions import DocumentImportActions
from planner_app.ui.files.excel_actions import ExcelActions
from planner_app.ui.files.file_actions import FileActions, shortcut
from planner_app.ui.files.opening import open_plan_file, show_error
from planner_app.ui.files.pdf_actions import PdfActions
from planner_app.ui.objectives.objective_editor import ObjectiveEditor
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel
from planner_app.ui.objectives.objective_tree_view import ObjectiveTreeView
from planner_app.ui.objectives.tree_actions import TreeActions
from planner_app.ui.objectives.tree_filter_bar import TreeFilterBar
from planner_app.ui.plan.plan_actions import PlanActions
from planner_app.ui.plan.plan_banner import PlanBanner
from planner_app.ui.plan.renumber_dialog import RenumberAction
from planner_app.ui.plan.sign_actions import SignActions
from planner_app.ui.plan.verify_actions import VerifyActions
from planner_app.ui.start_page import StartPage

if TYPE_CHECKING:
    from planner_app.ui.budget.budget_editor import BudgetEditor
    from planner_app.ui.diversity.diversity_pane import DiversityPane
    from planner_app.ui.exchange.exchange_actions import ExchangeActions
    from planner_app.ui.plan.plan_pane import PlanPane
    from planner_app.ui.review.review_pane import ReviewPane
    from planner_app.ui.staffing.staffing_editor import StaffingEditor

UNSAFE_LOCATIONS = ("cloud", "network")


# The pages of the tabs built when first needed (see LazyTabs). Plain import statements,
# not importlib with a module name: PyInstaller finds these and bundles the modules.
def _plan_pane() -> QWidget:
    from planner_app.ui.plan.plan_pane import PlanPane

    return PlanPane()


def _budget_editor() -> QWidget:
    from planner_app.ui.budget.budget_editor import BudgetEditor

    return BudgetEditor()


def _staffing_editor() -> QWidget:
    from planner_app.ui.staffing.staffing_editor import StaffingEditor

    return StaffingEditor()


def _diversity_pane() -> QWidget:
    from planner_app.ui.diversity.diversity_pane import DiversityPane

    return DiversityPane()


def _review_pane() -> QWidget:
    from planner_app.ui.review.review_pane import ReviewPane

    return ReviewPane()


class MainWindow(QMainWindow):
    """The app's window: at most one open plan file, the plan shown, tree and detail.

    Owns the open ``PlanFile`` (closed when another file is opened, on Close and when
    the window closes), the id of the plan shown and its ``PlanDocument`` (undo stack;
    made anew for each plan shown, ``None`` when no file is open). GUI thread only.
    """

    replacements: ClassVar[set[MainWindow]] = set()  # windows made by reopen_in_language
    file_opened = Signal(str)  # the file's path
    file_closed = Signal()
    plan_shown = Signal(object)  # uuid.UUID of the plan now shown

    def __init__(self, *, view: str = "tree", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store: PlanFile | None = None
        self._plan_id: uuid.UUID | None = None
        self._plans: list[PlanInfo] = []
        self._languages: tuple[str, ...] = ()
        self._unit_names: dict[uuid.UUID, str] = {}
        self._settings = WindowSettings()
        self.document: PlanDocument | None = None
        self.replaced_by: MainWindow | None = None  # the window in another UI language

        self._model = ObjectiveTreeModel(parent=self)
        self.tree = ObjectiveTreeView(self._model)
        self.tree_actions = TreeActions(self.tree, self)
        self.plan_actions = PlanActions(self, self._shown_plan, self.reload_plans)
        self.banner = PlanBanner()
        self.banner.new_draft_requested.connect(self.plan_actions.new_draft_version)
        self.filter_bar = TreeFilterBar()
        self.filter_bar.criteria_changed.connect(self._filter_changed)
        self._model.modelReset.connect(
            lambda: self.filter_bar.set_status_shown(self._model.tracks_status)
        )
        self.tree_actions.reveal = self.filter_bar.clear
        self.detail = ObjectiveEditor()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.filter_bar)
        column.addWidget(self.tree, 1)
        self.tree_pane = left
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("objectives_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.tree.setMinimumWidth(420)
        self.detail.setMinimumWidth(240)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(self.splitter, _("Objectives"))
        # The other tabs are built when first shown (or asked for), and get their
        # document then: the first paint of a large plan waits only for the tree and
        # the editor, not for these pages, their modules or their plan-wide reads.
        self._tabs = LazyTabs(self.views, self)
        self._tabs.add("plan", _("Plan"), _plan_pane)
        self._tabs.add("budget", _("Budget"), _budget_editor)
        self._tabs.add("staffing", _("Staffing"), _staffing_editor)
        self._tabs.add("diversity", _("Diversity"), _diversity_pane)
        self._tabs.add("review", _("Review"), _review_pane)
        self._tabs.page_built.connect(self._page_built)
        self._page_documents: dict[int, PlanDocument | None] = {}
        self.views.currentChanged.connect(self._sync_current_page)
        if view in self._tabs:
            self.views.setCurrentIndex(self._tabs.index_of(view))
        self.start_page = StartPage()
        self.plan_page = QWidget()  # the banner above every tab, then the tabs
        page_column = QVBoxLayout(self.plan_page)
        page_column.setContentsMargins(0, 0, 0, 0)
        page_column.setSpacing(4)
        page_column.addWidget(self.banner)
        page_column.addWidget(self.views, 1)
        self._pages = QStackedWidget()
        self._pages.addWidget(self.start_page)
        self._pages.addWidget(self.plan_page)
        self.setCentralWidget(self._pages)

        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self.tree.objective_selected.connect(self._show_objective)
        self.tree.heading_selected.connect(self.detail.show_heading)
        for action in (self.tree_actions.undo_action, self.tree_actions.redo_action):
            # a focused field swallows Ctrl+Z: commit what is typed first
            action.triggered.connect(self.commit_pending, Qt.ConnectionType.DirectConnection)
        self._connect_start_page()

        geometry = self._settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        width = self.width()
        # the editor gets room for its tables (at 38 % its indicator columns scrolled)
        self.splitter.setSizes([width * 55 // 100, width - width * 55 // 100])
        self._restore_layout()
        self._update_title()
        for view in self.findChildren(QAbstractItemView):
            guard(view)
        name_form_fields(self.detail)
        no_tab_traps(self)
        self.tree.setAccessibleName(_("Objectives"))
        self.views.setAccessibleName(_("Views of the plan"))

    # --- building --------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(_("Plan"))
        self.toolbar.setObjectName("plan_toolbar")
        self.toolbar.setMovable(False)
        self.plan_chooser = QComboBox()
        self.plan_chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.plan_chooser.setToolTip(_("The plan shown; this file holds several."))
        self.plan_chooser.currentIndexChanged.connect(self._plan_chosen)
        self._plan_widgets = (
            self.toolbar.addWidget(QLabel(_("Plan:") + " ")),
            self.toolbar.addWidget(self.plan_chooser),
        )
        self.language_switch = LanguageSwitch()
        self.language_switch.language_chosen.connect(self.detail.set_language)
        self.language_switch.language_chosen.connect(self._language_chosen)
        self.language_switch.languages_changed.connect(self._update_toolbar)
        self.language_action = self.toolbar.addWidget(self.language_switch)
        self.addToolBar(self.toolbar)
        self.toolbar.setVisible(False)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.context = WindowContext(self)  # what the menus' actions may use of the window
        self.file_actions = FileActions(self.context, self._settings)
        self.file_actions.populate(file_menu)
        fa = self.file_actions
        self.excel_actions = ExcelActions(self.context)
        self.excel_actions.populate(file_menu, before=fa.close_action)
        self.open_action, self.demo_action = fa.open_action, fa.demo_action
        self.close_action, self.quit_action = fa.close_action, fa.quit_action
        self.document_import = DocumentImportActions(self.context, self.tree.current_objective_id)
        import_menu = self.excel_actions.import_menu
        import_menu.insertAction(import_menu.actions()[0], self.document_import.import_action)
        file_menu.aboutToShow.connect(self.document_import.update_actions)
        edit_menu = self.menuBar().addMenu(_("&Edit"))
        self.tree_actions.populate(edit_menu)
        after_paste = edit_menu.actions().index(self.tree_actions.paste_action) + 1
        edit_menu.insertAction(edit_menu.actions()[after_paste], self.document_import.paste_action)
        edit_menu.aboutToShow.connect(self.document_import.update_actions)
        self.plan_shown.connect(lambda _id: self.document_import.update_actions())
        self.find_action = QAction(_("&Find…"), self)
        self.find_action.setShortcuts(shortcut(QKeySequence.StandardKey.Find, "Ctrl+F"))
        self.find_action.triggered.connect(self.focus_filter)
        self.find_next_action = QAction(_("Find &next"), self)
        self.find_next_action.setShortcuts(shortcut(QKeySequence.StandardKey.FindNext, "F3"))
        self.find_next_action.triggered.connect(lambda: self.find_next())
        self.find_previous_action = QAction(_("Find pre&vious"), self)
        self.find_previous_action.setShortcuts(
            shortcut(QKeySequence.StandardKey.FindPrevious, "Shift+F3")
        )
        self.find_previous_action.triggered.connect(lambda: self.find_next(backwards=True))
        edit_menu.addSeparator()
        for action in (self.find_action, self.find_next_action, self.find_previous_action):
            edit_menu.addAction(action)
        self.history_dock = QDockWidget(_("History"), self)
        self.history_dock.setObjectName("history_dock")
        self.history_dock.setWidget(QUndoView(self.tree_actions.undo_group))
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.history_dock.hide()
        self.history_action = self.history_dock.toggleViewAction()
        self.history_action.setText(_("&History"))
        edit_menu.addAction(self.history_action)
        edit_menu.addAction(self.detail.history_action)  # the change log of one objective
        self.tree_actions.more_actions = [self.detail.history_action]
        edit_menu.addSeparator()
        edit_menu.addAction(fa.preferences_action)
        self._build_view_menu(self.menuBar().addMenu(_("&View")))
        plan_menu = self.menuBar().addMenu(_("&Plan"))
        self.show_plan_menu = plan_menu.addMenu(_("S&how plan"))
        self.show_plan_group = QActionGroup(self)
        plan_menu.addSeparator()
        for action in self.plan_actions.actions:
            plan_menu.addAction(action)
        plan_menu.addAction(self.plan_actions.check_action)
        self.renumber = RenumberAction(self, self.tree.current_objective_name)
        plan_menu.addAction(self.renumber.action)
        self.pdf_actions = PdfActions(
            self, self._shown_plan, self.reload_plans, lambda: self.language_switch.language
        )
        self.pdf_actions.populate(
            file_menu, fa.close_action, plan_menu, self.excel_actions.export_menu
        )
        self.verify_actions = VerifyActions(self, self._shown_plan, self.reload_plans)
        self.verify_actions.populate(plan_menu)
        self.sign_actions = SignActions(self, self._shown_plan, self.reload_plans)
        self.sign_actions.populate(plan_menu)
        self.compare_actions = CompareActions(self, self._shown_plan, self.reload_plans)
        self.compare_actions.populate(plan_menu)
        # Filled when first opened (or asked for): the exchange modules and their
        # cryptography are not needed to show a plan.
        self._exchange_actions: ExchangeActions | None = None
        self._exchange_menu = self.menuBar().addMenu(_("E&xchange"))
        self._exchange_menu.aboutToShow.connect(self._exchange_menu_shown)
        help_menu = self.menuBar().addMenu(_("&Help"))
        self.shortcuts_action = shortcuts_action(self.menuBar(), self)
        help_menu.addAction(self.shortcuts_action)
        self.about_action = QAction(_("&About Planner"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _build_view_menu(self, menu: QMenu) -> None:
        """One entry per tab (Ctrl+1, Ctrl+2, …), then expanding and collapsing the tree."""
        self.view_actions = QActionGroup(self)
        for index in range(self.views.count()):
            action = QAction(self.views.tabText(index), self.view_actions)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _c=False, i=index: self.views.setCurrentIndex(i))
            menu.addAction(action)
        self.views.currentChanged.connect(self._view_shown)
        self.views.currentChanged.connect(
            lambda _i: self.tree_actions.set_tree_shown(self.views.currentWidget() is self.splitter)
        )
        self.tree_actions.set_tree_shown(self.views.currentWidget() is self.splitter)
        self._view_shown(self.views.currentIndex())
        self.view_actions.setEnabled(False)  # until a file is open
        menu.addSeparator()
        menu.addAction(self.tree_actions.expand_action)
        menu.addAction(self.tree_actions.collapse_action)

    @property
    def exchange_actions(self) -> ExchangeActions:
        """The Exchange menu's actions, made (and the menu filled) on first use."""
        if self._exchange_actions is None:
            from planner_app.ui.exchange.exchange_actions import ExchangeActions

            self._exchange_actions = ExchangeActions(self.context)
            self._exchange_actions.populate(self._exchange_menu)
        return self._exchange_actions

    def _exchange_menu_shown(self) -> None:
        self.exchange_actions.update_actions()

    def _view_shown(self, index: int) -> None:
        actions = self.view_actions.actions()
        if 0 <= index < len(actions):
            actions[index].setChecked(True)

    def _connect_start_page(self) -> None:
        page, fa = self.start_page, self.file_actions
        page.new_plan_requested.connect(fa.new_plan_file)
        page.import_requested.connect(lambda: self.document_import.import_document())
        page.open_requested.connect(fa.open_file_dialog)
        page.demo_requested.connect(fa.open_demo)
        page.recent_file_chosen.connect(lambda path: fa.open_recent(Path(path)))
        page.set_recent_files(self._settings.recent_files())

    def _build_status_bar(self) -> None:
        self.path_label = QLabel()
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning_label = QLabel()
        self.warning_label.setStyleSheet(f"color: {warning_colour()};")
        self.warning_label.setWordWrap(False)
        bar = self.statusBar()
        bar.addWidget(self.warning_label)
        bar.addPermanentWidget(self.path_label)

    # --- file and plan ---------------------------------------------------------------

    @property
    def store(self) -> PlanFile | None:
        return self._store

    @property
    def plan_id(self) -> uuid.UUID | None:
        return self._plan_id

    def set_plan_file(
        self,
        store: PlanFile,
        plan_id: uuid.UUID | None = None,
        *,
        document: PlanDocument | None = None,
    ) -> None:
        """Show ``store`` (the window now owns it and closes it) at ``plan_id``;
        ``document``, that plan's document handed over by another window, keeps its undo
        history."""
        self.close_file()
        self._store = store
        self._fill_chooser()
        self.path_label.setText(str(store.path))
        unsafe = any(w in UNSAFE_LOCATIONS for w in store.warnings)
        self.warning_label.setText(
            _(
                "This file is in a synced or network folder, where its write-ahead log "
                "is unsafe; keep plan files on a local disk."
            )
            if unsafe
            else ""
        )
        self._pages.setCurrentWidget(self.plan_page)
        self.view_actions.setEnabled(True)
        if plan_id is None and self._plans:
            plan_id = self._plans[0].id
        self.show_plan(plan_id, document=document)
        self.file_opened.emit(str(store.path))

    def _fill_chooser(self) -> None:
        assert self._store is not None
        self._plans = list_plans(self._store)
        self.plan_chooser.blockSignals(True)
        self.plan_chooser.clear()
        for plan in self._plans:
            title = one_line(pick_text(plan.title, plan.languages))
            self.plan_chooser.addItem(f"{plan.code} — {title}", str(plan.id))
        self.plan_chooser.blockSignals(False)
        self._fill_show_plan_menu()
        self._update_toolbar()

    def _fill_show_plan_menu(self) -> None:
        """Plan → Show plan: the file's plans, the one shown checked (as the chooser)."""
        self.show_plan_menu.clear()
        for action in self.show_plan_group.actions():
            self.show_plan_group.removeAction(action)
            action.deleteLater()
        for row in range(self.plan_chooser.count()):
            action = QAction(self.plan_chooser.itemText(row), self.show_plan_group)
            action.setCheckable(True)
            action.setData(self.plan_chooser.itemData(row))
            action.setChecked(self.plan_chooser.itemData(row) == str(self._plan_id))
            action.triggered.connect(lambda _c=False, r=row: self.plan_chooser.setCurrentIndex(r))
            self.show_plan_menu.addAction(action)
        self.show_plan_menu.setEnabled(bool(self._plans))

    def _update_toolbar(self) -> None:
        """Plan chooser for several plans, language switch for several languages."""
        several_plans = len(self._plans) > 1
        for action in self._plan_widgets:
            action.setVisible(several_plans)
        self.language_action.setVisible(self.language_switch.wanted)
        self.toolbar.setVisible(
            self._store is not None and (several_plans or self.language_switch.wanted)
        )

    def reload_plans(self, show: uuid.UUID | None = None) -> None:
        """Read the file's plans again (after a state change or a copy) and show one."""
        if self._store is None:
            return
        self._fill_chooser()
        self.show_plan(show if show is not None else self._plan_id)

    def has_plan(self, plan_id: uuid.UUID) -> bool:
        return any(p.id == plan_id for p in self._plans)

    def _shown_plan(self) -> tuple[PlanFile | None, PlanInfo | None]:
        info = next((p for p in self._plans if p.id == self._plan_id), None)
        return self._store, info

    def show_plan(self, plan_id: uuid.UUID | None, *, document: PlanDocument | None = None) -> None:
        """Show one plan of the open file (None: the file holds no plan)."""
        info = next((p for p in self._plans if p.id == plan_id), None)
        self._plan_id = info.id if info else None
        self._languages = info.languages if info else ()
        self._unit_names = {}
        if info is not None and self._store is not None:
            self._unit_names = {
                u.id: one_line(pick_text(u.name, info.languages))
                for u in load_units(self._store, info.id)
            }
            row = self.plan_chooser.findData(str(info.id))
            if row != self.plan_chooser.currentIndex():
                self.plan_chooser.blockSignals(True)
                self.plan_chooser.setCurrentIndex(row)
                self.plan_chooser.blockSignals(False)
        self._set_document(info, document)
        for action in self.show_plan_group.actions():
            action.setChecked(info is not None and action.data() == str(info.id))
        self.filter_bar.set_units(sorted(self._unit_names.items(), key=lambda u: u[1].lower()))
        self.filter_bar.clear()
        if info is None and self._store is not None:
            self.detail.show_hint(_("The file holds no plan."))
        self._update_title()
        if info is not None:
            self.plan_shown.emit(info.id)

    def _set_document(self, info: PlanInfo | None, given: PlanDocument | None = None) -> None:
        """A new document (undo stack) for the plan shown, or the one ``given`` for it;
        the old one is dropped."""
        self.commit_pending()
        old, self.document = self.document, None
        store = self._store
        if info is not None and store is not None:
            if given is not None and given.plan_id == info.id:
                given.setParent(self)
                self.document = given
            else:
                self.document = PlanDocument(store, info.id, parent=self)
            self.document.failed.connect(self._edit_failed)
            self.document.changed.connect(self._document_changed)
        editable = self.document is not None and self.document.editable
        for page in self._tabs.built():
            self._give_document(page, None)
        self.detail.set_document(self.document)  # before the model selects a row
        self.language_switch.set_document(self.document)
        self.detail.set_language(self.language_switch.language)
        self._sync_current_page()
        self._model.set_document(self.document, editable=editable)
        self.tree_actions.set_document(self.document)
        self.renumber.set_document(self.document if editable else None)
        self.plan_actions.update_actions()
        self.pdf_actions.update_actions()
        self.verify_actions.update_actions()
        self.sign_actions.update_actions()
        self.compare_actions.update_actions()
        self.banner.show_for(
            info.state if info else None,
            read_only=bool(store and store.readonly and info),
            signing=signing_info(store, info.id) if store and info else None,
            electronic=signing_progress(store, info.id) if store and info else None,
        )
        if store is not None and info is not None and info.state is not PlanState.DRAFT:
            self.banner.check_fixed_content(store, info.id)
        if old is not None:
            old.deleteLater()

    # --- the lazily built tabs -------------------------------------------------------

    @property
    def plan_pane(self) -> PlanPane:
        return cast("PlanPane", self._tabs.page("plan"))

    @property
    def budget_editor(self) -> BudgetEditor:
        return cast("BudgetEditor", self._tabs.page("budget"))

    @property
    def staffing_editor(self) -> StaffingEditor:
        return cast("StaffingEditor", self._tabs.page("staffing"))

    @property
    def diversity_pane(self) -> DiversityPane:
        return cast("DiversityPane", self._tabs.page("diversity"))

    @property
    def review_pane(self) -> ReviewPane:
        return cast("ReviewPane", self._tabs.page("review"))

    def _page_built(self, key: str, page: QWidget) -> None:
        name_form_fields(page)
        no_tab_traps(page)
        for view in page.findChildren(QAbstractItemView):
            guard(view)
        if key == "review":
            cast("ReviewPane", page).objective_chosen.connect(self.reveal_objective)
        self._restore_splitters(page)

    def commit_pending(self) -> None:
        """Commit what is typed in the editor, in a table cell and in the pages built
        (before an undo, another plan or a package)."""
        finish_editing(self)
        self.detail.commit_pending()
        for page in self._tabs.built():
            commit = getattr(page, "commit_pending", None)
            if commit is not None:
                commit()

    def _page_synced(self, page: QWidget) -> bool:
        return self._page_documents.get(id(page)) is self.document

    def _give_document(self, page, document: PlanDocument | None) -> None:
        page.set_document(document)
        self._page_documents[id(page)] = document

    def _sync_current_page(self, *_args: object) -> None:
        """Give the page shown the document (and language) if it has not got it yet."""
        key = self._tabs.key_of(self.views.currentWidget())
        if key is None:
            return
        page = self._tabs.page(key)
        if not self._page_synced(page):
            self._give_document(page, self.document)
            page.set_language(self.language_switch.language)

    def _language_chosen(self, language: str) -> None:
        for page in self._tabs.built():
            if self._page_synced(page) and self.document is not None:
                page.set_language(language)

    def _document_changed(self, applied: Applied) -> None:
        """Plan properties changed (code, title, period): chooser and title follow."""
        if applied.changed.entity is Entity.PLAN and self._store is not None:
            self._fill_chooser()
            row = self.plan_chooser.findData(str(self._plan_id))
            self.plan_chooser.blockSignals(True)
            self.plan_chooser.setCurrentIndex(row)
            self.plan_chooser.blockSignals(False)
            self._update_title()

    def _edit_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        QMessageBox.warning(self, _("The change was not made"), message)

    def _filter_changed(self, text: str, status, unit_id, everywhere: bool) -> None:
        self.tree.apply_filter(text, status, unit_id, everywhere)
        proxy = self.tree.filter_model
        self.filter_bar.show_result(proxy.active and proxy.first_match_id() is None)

    def find_next(self, *, backwards: bool = False) -> None:
        """The next objective the filter's words match (Find if there are none yet)."""
        if not self.filter_bar.text_box.text().strip():
            self.focus_filter()
            return
        self.filter_bar.apply()  # typing may still be waiting for its pause
        if not self.tree.find_next(backwards=backwards):
            self.statusBar().showMessage(_("No objective matches."), 5000)

    def focus_filter(self) -> None:
        self.filter_bar.text_box.setFocus()
        self.filter_bar.text_box.selectAll()

    def reopen_in_language(self, language: str) -> MainWindow:
        """Show the app in ``language`` at once (no restart): a new window takes over
        the open file, the plan shown with its undo history, the tab shown and the
        layout; this one closes. Our strings are read when widgets are built, so the
        window is built again rather than each label retranslated."""
        set_language(language)
        install_qt_translator(QCoreApplication.instance(), language)  # type: ignore[arg-type]
        self.commit_pending()
        self._save_layout()
        view = self._tabs.key_of(self.views.currentWidget()) or "tree"
        current = self.tree.current_objective_id()
        store, plan_id, document = self._store, self._plan_id, self.document
        if document is not None:
            document.failed.disconnect(self._edit_failed)
            document.changed.disconnect(self._document_changed)
        self.document, self._store, self._plans, self._plan_id = None, None, [], None
        self._set_document(None)  # the panes let go of it; nothing is closed
        new = MainWindow(view=view)
        MainWindow.replacements.add(new)  # kept alive: nothing else holds it
        if store is not None:
            new.set_plan_file(store, plan_id, document=document)
            if current is not None:
                new.select_objective(current)
        if self.isVisible():
            new.show()
        self.replaced_by = new
        self.close()
        return new

    def close_file(self) -> None:
        """Close the open file (if any) and show the start page."""
        if self._store is None:
            return
        store, self._store = self._store, None
        self._plans = []
        self._plan_id = None
        self._set_document(None)
        store.close()
        self.plan_chooser.clear()
        self._fill_show_plan_menu()
        self._update_toolbar()
        self.path_label.clear()
        self.warning_label.clear()
        self.file_actions.update_actions()
        self.start_page.set_recent_files(self._settings.recent_files())
        self._pages.setCurrentWidget(self.start_page)
        self.view_actions.setEnabled(False)
        self._update_title()
        self.file_closed.emit()

    def show_tab(self, key: str) -> None:
        """Show the tab ``key`` (tree, plan, budget, staffing, diversity, review)."""
        if key == "tree":
            self.views.setCurrentWidget(self.splitter)
        else:
            self.views.setCurrentIndex(self._tabs.index_of(key))

    def select_objective(self, objective_id: uuid.UUID) -> bool:
        return self.tree.select_objective(objective_id)

    def reveal_objective(self, objective_id: uuid.UUID) -> bool:
        """Show the Objectives tab with ``objective_id`` selected (from another tab); a
        filter that hides it is cleared."""
        self.views.setCurrentWidget(self.splitter)
        if not self.tree.view_index(objective_id).isValid():
            self.filter_bar.clear()
        return self.select_objective(objective_id)

    def _plan_chosen(self, row: int) -> None:
        if row >= 0:
            self.show_plan(uuid.UUID(self.plan_chooser.itemData(row)))

    def _show_objective(self, objective_id: uuid.UUID | None) -> None:
        if self._store is None or self._plan_id is None:
            return
        self.detail.show_objective(objective_id)

    def _update_title(self) -> None:
        if self._store is None:
            self.setWindowTitle(_("Planner"))
            return
        info = next((p for p in self._plans if p.id == self._plan_id), None)
        parts = [one_line(pick_text(info.title, info.languages))] if info else []
        parts.append(self._store.path.name)
        title = " — ".join(parts)
        if self._store.readonly:
            title += " " + _("[read-only]")
        if info is not None and info.state is not PlanState.DRAFT:
            title += " — " + state_label(info.state)
        self.setWindowTitle(title)

    # --- actions ---------------------------------------------------------------------

    def open_path(self, path: Path, *, read_only: bool = False) -> bool:
        """Open ``path`` in this window, replacing the open file; False if it failed."""
        if self._store is not None and path.resolve() == self._store.path.resolve():
            self.statusBar().showMessage(_("This file is already open."), 5000)
            return True
        store = open_plan_file(self, path, read_only=read_only)
        if store is None:
            return False
        self.set_plan_file(store)
        return True

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _("About Planner"),
            "<h3>Planner {version}</h3><p>{text}</p>".format(
                version=__version__,
                text=_("Write, keep and print public-sector plans."),
            ),
        )

    def _restore_layout(self) -> None:
        """Docks, toolbars and every named splitter as the user left them."""
        state = self._settings.state("window")
        if state is not None:
            self.restoreState(state)
        self._restore_splitters(self)

    def _restore_splitters(self, widget: QWidget) -> None:
        """Every named splitter in ``widget`` as the user left it."""
        for splitter in widget.findChildren(QSplitter):
            name = splitter.objectName()
            saved = self._settings.state(name) if name else None
            if saved is not None:
                splitter.restoreState(saved)

    def _save_layout(self) -> None:
        self._settings.set_geometry(self.saveGeometry())
        self._settings.set_state("window", self.saveState())
        for splitter in self.findChildren(QSplitter):
            if splitter.objectName():
                self._settings.set_state(splitter.objectName(), splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        MainWindow.replacements.discard(self)
        self._save_layout()
        try:
            self.close_file()
        except PlannerError as err:  # the file was still released; tell the user why
            show_error(self, str(err))
        event.accept()
