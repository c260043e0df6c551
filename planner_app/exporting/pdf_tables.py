"""Budget and staffing tables: exact figures, right-aligned in the language's Belgian
format, group rows and totals in bold, header rows repeated when a table breaks across
pages, and landscape pages for tables too wide for portrait (the widest are cut into
column groups, each a table with the row labels again)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer, Table

from planner_app.domain.enums import Measure, Statute
from planner_app.exporting.pdf_doc import LANDSCAPE, PORTRAIT, keep_space
from planner_app.exporting.pdf_paragraph import DocParagraph
from planner_app.exporting.pdf_story import StoryContext
from planner_app.exporting.pdf_styles import CELL_PADDING, GridTable, grid_style, widest_word
from planner_app.exporting.pdf_text import escape
from planner_app.exporting.pdf_total_notes import TotalNotes
from planner_app.formatting import format_fte, format_keur, format_number
from planner_app.i18n import N_
from planner_app.services.budget_read import budget_totals
from planner_app.services.printed import BudgetSpot, StaffingSpot
from planner_app.services.staffing import StaffingKey, staffing_totals
from planner_app.services.units import load_units

PORTRAIT_COLUMNS = 4  # figure columns that fit next to the row labels on A4 portrait
LANDSCAPE_COLUMNS = 10
MIN_LABEL = 45 * mm  # the row labels' column never narrower (titles wrap, not letters)
PORTRAIT_WIDTH = 170 * mm
LANDSCAPE_WIDTH = 257 * mm


class Row:
    """A table row: its label markup, depth, bold or not, and a figure per column."""

    def __init__(self, label: str, depth: int, bold: bool, cells: Sequence[str]) -> None:
        self.label, self.depth, self.bold, self.cells = label, depth, bold, cells


def figure_tables(
    ctx: StoryContext,
    headers: Sequence[str],
    rows: Sequence[Row],
    group: int = 1,
    group_labels: Sequence[str] = (),
    landscape: bool | None = None,
    notes: Sequence[Flowable] = (),
) -> list[Flowable]:
    """Tables for ``rows``; columns are cut in groups of ``group`` (kept together, with
    ``group_labels`` as a spanning header row) so each table fits its page; wide ones go
    on landscape pages (``landscape`` False keeps them portrait, narrower). ``notes``
    (the tables' footnotes) follow the last table, on its page."""
    s = ctx.styles
    if landscape is None:
        landscape = len(headers) > PORTRAIT_COLUMNS
    per_table = LANDSCAPE_COLUMNS if landscape else max(PORTRAIT_COLUMNS, group)
    width = LANDSCAPE_WIDTH if landscape else PORTRAIT_WIDTH
    # Figure columns as wide as their longest header word or figure, but the row labels
    # keep MIN_LABEL: long stage codes ("AANPASSING 2025 VL") mean fewer columns a table.
    texts = [*headers, *(cell for row in rows for cell in row.cells)]
    needed = widest_word(texts, s.cell_right_bold.fontName, 8) + CELL_PADDING + 1
    per_table = min(per_table, max(1, int((width - MIN_LABEL) // needed)))
    per_table = max(group, per_table - per_table % group)
    indents: dict[tuple[int, bool], ParagraphStyle] = {}

    def label_style(depth: int, bold: bool) -> ParagraphStyle:
        key = (depth, bold)
        if key not in indents:
            parent = s.cell_bold if bold else s.cell
            indents[key] = ParagraphStyle(
                f"{parent.name}{depth}", parent=parent, leftIndent=depth * 7
            )
        return indents[key]

    story: list[Flowable] = []
    for start in range(0, len(headers), per_table):
        chunk = range(start, min(start + per_table, len(headers)))
        figure_width = max(min(22 * mm, (width * 0.6) / len(chunk)), needed)
        figure_width = min(figure_width, (width - MIN_LABEL) / len(chunk))
        label_width = width - figure_width * len(chunk)
        data = [
            [DocParagraph("", s.cell_bold)]
            + [DocParagraph(escape(headers[c]), s.cell_right_bold) for c in chunk]
        ]
        spans: list[tuple] = []
        if group_labels:
            top: list[DocParagraph | str] = [""]
            for c in chunk:
                first = c % group == 0
                top.append(
                    DocParagraph(escape(group_labels[c // group]), s.cell_bold) if first else ""
                )
                if first:
                    column = c - start + 1
                    spans.append(("SPAN", (column, 0), (column + group - 1, 0)))
            data.insert(0, top)
        body = [
            [DocParagraph(row.label, label_style(row.depth, row.bold))]
            + [row.cells[c] for c in chunk]
            for row in rows
        ]
        widths = [label_width] + [figure_width] * len(chunk)
        for table in row_blocks(data, body, widths, [r.bold for r in rows], spans):
            story.append(table)
        story.append(Spacer(1, 5 * mm))
    story += notes
    if landscape:
        return [
            NextPageTemplate(LANDSCAPE),
            PageBreak(),
            *story,
            NextPageTemplate(PORTRAIT),
            PageBreak(),
        ]
    return story


def with_heading(heading: Flowable, tables: list[Flowable]) -> list[Flowable]:
    """The heading before the tables, on their landscape page when they have one, and
    never at a page's foot with one row under it."""
    if tables and isinstance(tables[0], NextPageTemplate):
        return [*tables[:2], heading, *tables[2:]]
    return [keep_space(HEADING_ROOM), heading, *tables]


HEADING_ROOM = 45  # mm: a heading, the header and the first rows kept with it


ROWS_PER_BLOCK = 40
FIRST_ROWS_KEPT = 3  # body rows that stay with the header: never a heading and one row


def row_blocks(
    header: list[list],
    body: list[list],
    widths: Sequence[float | str],
    bold: Sequence[bool] = (),
    spans=(),
    *,
    figures_from: int | None = 1,
    keep: Sequence[tuple[int, int]] = (),
) -> list[Flowable]:
    """``header`` + ``body`` as consecutive blocks of about ``ROWS_PER_BLOCK`` rows that
    read as one table: reportlab re-measures every remaining row each time a table
    breaks across a page, so one 1,000-row table costs quadratic time. The first block
    is a table with the header; each later one shows the header only where it starts a
    page. ``bold`` marks bold body rows (the last one, ending the table, is a total);
    ``keep`` lists (first, last) body rows that stay on one page: no block ends inside
    them."""
    head = len(header)
    bold = list(bold) or [False] * len(body)

    def table(start: int, rows: list[list], with_header: bool) -> Table:
        top = head if with_header else 0
        last = start + len(rows) == len(body)
        bold_rows = [top + i for i, b in enumerate(bold[start : start + len(rows)]) if b]
        total_rows = (
            [bold_rows.pop()] if last and bold_rows and bold_rows[-1] == top + len(rows) - 1 else []
        )
        data = (header if with_header else []) + rows
        made = GridTable(data, repeatRows=top, colWidths=widths, hAlign="LEFT")
        style = grid_style(
            header_rows=top,
            bold_rows=tuple(bold_rows),
            total_rows=tuple(total_rows),
            figures_from=figures_from,
        )
        if with_header:
            for span in spans:
                style.add(*span)
        if start == 0 and with_header:  # the header never ends a page with one row
            style.add("NOSPLIT", (0, 0), (-1, min(top + FIRST_ROWS_KEPT, len(data)) - 1))
        if total_rows and len(rows) > 1:  # the total never stands alone on a new page
            style.add("NOSPLIT", (0, -min(3, len(rows))), (-1, -1))
        for first, final in keep:
            if start <= first and final < start + len(rows) and final > first:
                style.add("NOSPLIT", (0, top + first - start), (-1, top + final - start))
        made.setStyle(style)
        return made

    inside = {row for first, final in keep for row in range(first, final)}
    cuts, start = [], 0
    for row in range(len(body)):
        if row + 1 - start >= ROWS_PER_BLOCK and row not in inside:
            cuts.append((start, row + 1))
            start = row + 1
    if start < len(body) or not cuts:
        cuts.append((start, len(body)))
    blocks: list[Flowable] = [table(0, body[: cuts[0][1]], True)]
    for first, end in cuts[1:]:
        blocks.append(ContinuedBlock(table, first, body[first:end]))
    return blocks


class ContinuedBlock(Flowable):
    """A later block of a long table: mid-page it continues the block above without a
    header (a header row in the middle of a page reads as a new table); where it starts
    a page it has the header, as a table's repeated header would be. When it breaks
    across a page itself, the rest has the header too. Laid out on the export thread."""

    def __init__(self, make: Callable[[int, list[list], bool], Table], start: int, rows) -> None:
        super().__init__()
        self._make, self._start, self._rows = make, start, rows
        self._chosen: Table | None = None
        self._with_header: bool | None = None

    def _choose(self) -> Table:
        """The block as a table with or without the header, by where it stands now."""
        frame = getattr(self, "_frame", None)  # set by the frame before it wraps us
        with_header = frame is None or bool(frame._atTop)
        if self._chosen is None or self._with_header != with_header:
            self._chosen = self._make(self._start, self._rows, with_header)
            self._with_header = with_header
        return self._chosen

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self._choose().wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        chosen = self._choose()
        parts = chosen.split(available_width, available_height)
        if len(parts) != 2 or self._with_header:
            return parts
        done = len(parts[0]._cellvalues)  # body rows on this page (no header above them)
        return [parts[0], ContinuedBlock(self._make, self._start + done, self._rows[done:])]

    def draw(self) -> None:
        assert self._chosen is not None
        self._chosen.drawOn(self.canv, 0, 0)


def budget(ctx: StoryContext) -> list[Flowable]:
    totals = budget_totals(ctx.store, ctx.plan_id)
    if not totals.lines:
        return []
    lang = ctx.text.language
    columns = totals.columns
    notes = ctx.notes_for_totals()
    rows = []
    for line in [*totals.lines, None]:
        if line is None:  # the grand total
            label = plain = ctx.t(N_("Total"))
            label, values, depth, bold = f"<b>{escape(label)}</b>", totals.grand_total, 0, True
        else:
            where = ctx.t(N_("Budget line {n}")).format(n=line.code or line.position + 1)
            label = ctx.text.markup(line.title, where, "title")
            plain = ctx.text.plain(line.title, where, "title")
            if line.code:
                label, plain = f"{escape(line.code)} {label}", f"{line.code} {plain}"
            values, depth, bold = totals.values.get(line.id, {}), line.depth, line.is_group
        cells = [format_keur(values.get(c), lang) for c in columns]
        if notes is not None:
            line_id = line.id if line is not None else None
            cells = [
                notes.mark(cell, BudgetSpot(line_id, column), plain, column.label)
                for cell, column in zip(cells, columns, strict=True)
            ]
        rows.append(Row(label, depth, bold, cells))
    headers = [c.label for c in columns]
    ctx.ticker.tick()
    tables = figure_tables(ctx, headers, rows, notes=_notes(ctx, notes))
    return with_heading(ctx.label_chapter(N_("Budget (kEUR)")), tables)


def _notes(ctx: StoryContext, notes: TotalNotes | None) -> list[Flowable]:
    return notes.flowables(ctx.styles.note) if notes is not None else []


STATUTES = (Statute.MANDATE, Statute.STATUTORY, Statute.CONTRACTUAL)


def staffing(ctx: StoryContext) -> list[Flowable]:
    totals = staffing_totals(ctx.store, ctx.plan_id)
    if not totals.keys:
        return []
    lang = ctx.text.language
    t = ctx.t
    headers: list[str] = []
    groups: list[str] = []
    cells: list[Callable] = []
    spots: list[tuple[StaffingKey, Statute | None, Measure]] = []  # what each cell totals
    for key in totals.keys:
        label = ctx.label(key.scenario)
        groups.append(f"{label[:1].upper()}{label[1:]} {key.year}")
        for statute in STATUTES:
            headers.append(f"{t(N_('FTE'))} {statute.value}")
            cells.append(_fte(key, statute))
            spots.append((key, statute, Measure.FTE))
        headers.append(f"{t(N_('FTE'))}")
        cells.append(_fte(key, None))
        spots.append((key, None, Measure.FTE))
        headers.append(t(N_("people")))
        cells.append(_headcount(key))
        spots.append((key, None, Measure.HEADCOUNT))
    shown = {unit_id for (unit_id, _k, _s) in totals.per_unit}
    units = [u for u in load_units(ctx.store, ctx.plan_id) if u.id in shown]
    parents = {u.parent_id for u in units}
    notes = ctx.notes_for_totals()
    rows = []
    for unit in [*units, None]:
        if unit is None:  # the table's total
            plain = t(N_("Total"))
            label, depth, bold = f"<b>{escape(plain)}</b>", 0, True
            figures = [cell(lambda k, st: _grand(totals, k, st), lang) for cell in cells]
        else:
            where = ctx.t(N_("Unit {code}")).format(code=unit.code or unit.position + 1)
            label = ctx.text.markup(unit.name, where, "name")
            plain = ctx.text.plain(unit.name, where, "name")
            depth, bold = unit.depth, unit.id in parents
            figures = [cell(lambda k, st, u=unit.id: totals.unit(u, k, st), lang) for cell in cells]
        if notes is not None:
            unit_id = unit.id if unit is not None else None
            figures = _marked(notes, figures, spots, unit_id, plain, headers, groups)
        rows.append(Row(label, depth, bold, figures))
    ctx.ticker.tick()
    tables = figure_tables(
        ctx,
        headers,
        rows,
        group=len(STATUTES) + 2,
        group_labels=groups,
        notes=_notes(ctx, notes),
    )
    return with_heading(ctx.label_chapter(N_("Staffing (FTE and people)")), tables)


def _marked(
    notes: TotalNotes,
    figures: list[str],
    spots: list[tuple[StaffingKey, Statute | None, Measure]],
    unit_id,
    row: str,
    headers: list[str],
    groups: list[str],
) -> list[str]:
    """A staffing row's figures with their notes' numbers; the row's headcount per
    statute, which the table has no column for, is noted without a number in a cell."""
    marked = []
    per_group = len(STATUTES) + 2
    for n, (figure, (key, statute, measure)) in enumerate(zip(figures, spots, strict=True)):
        column = f"{groups[n // per_group]}, {headers[n]}"
        marked.append(notes.mark(figure, StaffingSpot(unit_id, key, statute, measure), row, column))
        if measure is Measure.HEADCOUNT:
            for st in STATUTES:
                spot = StaffingSpot(unit_id, key, st, Measure.HEADCOUNT)
                notes.note(spot, row, f"{groups[n // per_group]}, {headers[n]} {st.value}")
    return marked


def _grand(totals, key: StaffingKey, statute: Statute | None):
    if statute is None:
        return totals.per_key.get(key)
    return totals.per_statute.get((key, statute))


def _fte(key: StaffingKey, statute: Statute | None) -> Callable:
    def cell(get: Callable, lang: str) -> str:
        figure = get(key, statute)
        return format_fte(figure.fte, lang) if figure is not None else ""

    return cell


def _headcount(key: StaffingKey) -> Callable:
    def cell(get: Callable, lang: str) -> str:
        figure = get(key, None)
        value = figure.headcount if figure is not None else None
        return format_number(Decimal(value), lang) if value is not None else ""

    return cell
