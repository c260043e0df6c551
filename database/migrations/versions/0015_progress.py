"""progress: dated milestones, indicator targets in words, quarterly and per-unit values

Milestones get the day they are due by (``due_by``, the last day of the month, quarter
or year they were given as, with ``due_precision``) and the day they were done
(``done_on``). Indicators, an objective's and the diversity plan's, get a target in
words with a date and a person's done mark,
actuals per quarter (``indicator_quarter_values``, for plans that report quarterly:
``plans.reports_quarterly``) and a breakdown per unit (``indicator_unit_values``).

Every existing milestone whose period text names one end unambiguously is given that
end as its ``due_by``: "Q3 2025" -> 30/09/2025 (quarter), "15/05/2025" (day),
"september 2025" (month), "2025" (year), a range "Q3-Q4 2025" or "2026-2029" by the end
of its last part; a day typed in the old ``due_date`` column (only a workbook could)
wins over the text. Text that names no single end ("Q2+Q4 2025", "doorlopend") stays
text only. The period text itself is kept as it was written, ``due_date`` too (the
fingerprints of rules version 1 cover both), so nothing a final or signed plan fixed
changes. The reading of period texts is copied here (a migration is frozen): every
replica upgrading fills the same values, which are not in the change log.

Revision ID: 0015_progress
Revises: 0014_milestones_to_replan
Create Date: 2026-12-07
"""

import calendar
import datetime as dt
import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_progress"
down_revision: str | None = "0014_milestones_to_replan"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _synced() -> list[sa.Column]:
    return [
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("site_id", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("milestones", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_by", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("due_precision", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("done_on", sa.Date(), nullable=True))
    for table in ("indicators", "diversity_indicators"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("target_text", sa.Text(), nullable=False, server_default="{}")
            )
            batch_op.add_column(sa.Column("target_date", sa.Date(), nullable=True))
            batch_op.add_column(
                sa.Column("target_done", sa.Boolean(), nullable=False, server_default=sa.false())
            )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reports_quarterly", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "indicator_quarter_values",
        sa.Column("indicator_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_indicator_quarter_values_indicator_id_indicators"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_indicator_quarter_values_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_quarter_values")),
    )
    with op.batch_alter_table("indicator_quarter_values", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_quarter_values_indicator_id"), ["indicator_id"]
        )
        batch_op.create_index(batch_op.f("ix_indicator_quarter_values_plan_id"), ["plan_id"])
    op.create_table(
        "indicator_unit_values",
        sa.Column("indicator_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_indicator_unit_values_indicator_id_indicators"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_indicator_unit_values_plan_id_plans")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_indicator_unit_values_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_unit_values")),
    )
    with op.batch_alter_table("indicator_unit_values", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_unit_values_indicator_id"), ["indicator_id"])
        batch_op.create_index(batch_op.f("ix_indicator_unit_values_plan_id"), ["plan_id"])
    _fill(op.get_bind())


def _fill(conn: sa.Connection) -> None:
    rows = conn.exec_driver_sql("SELECT id, period, due_date FROM milestones").fetchall()
    updates = []
    for row_id, period, due_date in rows:
        if due_date is not None:
            updates.append((due_date, "day", row_id))
            continue
        found = read_period(period or "")
        if found is not None:
            updates.append((found[0].isoformat(), found[1], row_id))
    if updates:
        conn.exec_driver_sql(
            "UPDATE milestones SET due_by = ?, due_precision = ? WHERE id = ?", updates
        )


# --- the reading of period texts at this revision (frozen) -------------------------

_MONTH_NAMES = (
    "januari janvier januar january jan janv",
    "februari février fevrier februar february feb févr fevr",
    "maart mars märz marz march mrt mar",
    "april avril apr avr",
    "mei mai may",
    "juni juin june jun",
    "juli juillet july jul juil",
    "augustus août aout august aug",
    "september septembre sep sept",
    "oktober octobre october okt oct",
    "november novembre nov",
    "december décembre decembre dezember dec déc dez",
)
_MONTHS = {name: n for n, names in enumerate(_MONTH_NAMES, start=1) for name in names.split()}
_Y = r"(\d{4})"
_Q = r"(?:q|k|t|kw|trim\.?)\s*([1-4])"
_DASH = r"\s*[-–—/]\s*"  # noqa: RUF001
_FORMS = tuple(
    (re.compile(rf"^{pattern}$", re.IGNORECASE), kind)
    for pattern, kind in (
        (r"(\d{1,2})[/.-](\d{1,2})[/.-]" + _Y, "day"),
        (_Y + r"-(\d{2})-(\d{2})", "iso"),
        (_Q + r"[\s-]*" + _Y, "quarter"),
        (_Y + r"[\s-]*" + _Q, "year quarter"),
        (r"(\d{1,2})[/.-]" + _Y, "month"),
        (r"([a-zéèûä]+)\.?\s+" + _Y, "month name"),
        (_Y, "year"),
        (_Q + _DASH + r"(?:q|k|t|kw|trim\.?)?\s*([1-4])\s+" + _Y, "quarters"),
        (_Y + _DASH + _Y, "years"),
    )
)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def read_period(text: str) -> tuple[dt.date, str] | None:
    """(the last day due, precision) of a period text, or None."""
    shown = " ".join(text.split())
    for pattern, kind in _FORMS:
        found = pattern.match(shown)
        if found is None:
            continue
        p = found.groups()
        try:
            if kind == "day":
                return dt.date(int(p[2]), int(p[1]), int(p[0])), "day"
            if kind == "iso":
                return dt.date(int(p[0]), int(p[1]), int(p[2])), "day"
            if kind == "quarter":
                return _month_end(int(p[1]), 3 * int(p[0])), "quarter"
            if kind == "year quarter":
                return _month_end(int(p[0]), 3 * int(p[1])), "quarter"
            if kind == "month":
                return _month_end(int(p[1]), int(p[0])), "month"
            if kind == "month name":
                month = _MONTHS.get(p[0].lower().rstrip("."))
                return None if month is None else (_month_end(int(p[1]), month), "month")
            if kind == "year":
                return dt.date(int(p[0]), 12, 31), "year"
            if kind == "quarters":
                if int(p[0]) >= int(p[1]):
                    return None
                return _month_end(int(p[2]), 3 * int(p[1])), "quarter"
            if kind == "years":
                if int(p[0]) >= int(p[1]):
                    return None
                return dt.date(int(p[1]), 12, 31), "year"
        except ValueError:
            return None
        return None
    return None


def downgrade() -> None:
    with op.batch_alter_table("indicator_unit_values", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_unit_values_plan_id"))
        batch_op.drop_index(batch_op.f("ix_indicator_unit_values_indicator_id"))
    op.drop_table("indicator_unit_values")
    with op.batch_alter_table("indicator_quarter_values", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_quarter_values_plan_id"))
        batch_op.drop_index(batch_op.f("ix_indicator_quarter_values_indicator_id"))
    op.drop_table("indicator_quarter_values")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_column("reports_quarterly")
    for table in ("diversity_indicators", "indicators"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("target_done")
            batch_op.drop_column("target_date")
            batch_op.drop_column("target_text")
    with op.batch_alter_table("milestones", schema=None) as batch_op:
        batch_op.drop_column("done_on")
        batch_op.drop_column("due_precision")
        batch_op.drop_column("due_by")
