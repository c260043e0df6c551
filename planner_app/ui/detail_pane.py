"""The read-only pane beside the tree that shows everything about one objective."""

from __future__ import annotations

import html
import uuid
from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QTextBrowser, QWidget

from planner_app.i18n import _
from planner_app.services.details import ObjectiveDetail
from planner_app.ui.labels import code_label, kind_label, level_label, pick_text, status_label
from planner_app.ui.status_icons import STATUS_COLOURS

_STYLE = """
h2 { margin-bottom: 2px; }
.meta { color: #666666; }
.title { font-size: large; font-weight: bold; margin-top: 4px; }
h4 { margin-top: 14px; margin-bottom: 4px; }
td { padding: 2px 8px 2px 0; vertical-align: top; }
td.key { color: #555555; }
.done { color: #2e9d4a; font-weight: bold; }
.open { color: #9e9e9e; }
.empty { color: #888888; font-style: italic; }
"""


def _text(value: str) -> str:
    """User text as HTML: escaped, blank lines as paragraphs, line breaks kept."""
    paragraphs = [p.strip() for p in value.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )


def detail_html(
    detail: ObjectiveDetail,
    languages: Sequence[str],
    unit_names: Mapping[uuid.UUID, str],
) -> str:
    """The pane's HTML for one objective; every user text is escaped."""

    def pick(texts: Mapping[str, str]) -> str:
        return pick_text(texts, languages)

    meta = level_label(detail.level)
    if detail.kind is not None:
        meta += " · " + kind_label(detail.kind)
    colour = STATUS_COLOURS[detail.status]
    rows = [
        (
            _("Status"),
            f'<span style="color:{colour}">●</span> {html.escape(status_label(detail.status))}',
        ),
        (_("Lead unit"), html.escape(unit_names.get(detail.lead_unit_id, "")) or "–"),
    ]
    if detail.partner_ids:
        names = [unit_names.get(p, "") for p in detail.partner_ids]
        rows.append((_("Involved units"), html.escape(", ".join(n for n in names if n))))
    parts = [
        f"<h2>{html.escape(code_label(detail.level, detail.code))}</h2>",
        f'<div class="meta">{html.escape(meta)}</div>',
        f'<div class="title">{html.escape(pick(detail.title))}</div>',
        "<table>"
        + "".join(f'<tr><td class="key">{k}</td><td>{v}</td></tr>' for k, v in rows)
        + "</table>",
    ]
    for heading, texts in (
        (_("Description"), detail.description),
        (_("Intended results"), detail.intended_results),
    ):
        body = _text(pick(texts))
        if body:
            parts.append(f"<h4>{html.escape(heading)}</h4>{body}")
    if detail.milestones:
        done = sum(1 for m in detail.milestones if m.done)
        parts.append(
            "<h4>"
            + html.escape(
                _("Milestones ({done} of {total} done)").format(
                    done=done, total=len(detail.milestones)
                )
            )
            + "</h4><table>"
        )
        for m in detail.milestones:
            mark = '<span class="done">✓</span>' if m.done else '<span class="open">○</span>'
            when = m.period or (m.due_date.isoformat() if m.due_date else "")
            parts.append(
                f"<tr><td>{mark}</td><td>{html.escape(when)}</td>"
                f"<td>{html.escape(pick(m.text))}</td></tr>"
            )
        parts.append("</table>")
    if detail.indicators:
        items = "".join(
            "<li>"
            + html.escape(pick(i.name))
            + (
                f' <span class="meta">({html.escape(i.unit_of_measure)})</span>'
                if i.unit_of_measure
                else ""
            )
            + "</li>"
            for i in detail.indicators
        )
        parts.append(f"<h4>{html.escape(_('Indicators'))}</h4><ul>{items}</ul>")
    return "".join(parts)


class ObjectiveDetailPane(QTextBrowser):
    """Shows one objective (or a hint) as formatted, read-only text.

    Owns no data: the window hands it an ``ObjectiveDetail`` from the service layer.
    Lives on the GUI thread.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(_STYLE)
        self.document().setDocumentMargin(10)
        self.show_hint(_("Select an objective to see its details."))

    def show_objective(
        self,
        detail: ObjectiveDetail,
        languages: Sequence[str],
        unit_names: Mapping[uuid.UUID, str],
    ) -> None:
        self.setHtml(detail_html(detail, languages, unit_names))

    def show_heading(self, title: str) -> None:
        self.setHtml(
            f'<h2>{html.escape(title)}</h2><div class="meta">{html.escape(_("Policy field"))}</div>'
        )

    def show_hint(self, text: str) -> None:
        self.setHtml(f'<p class="empty">{html.escape(text)}</p>')
