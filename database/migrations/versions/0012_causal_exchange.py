"""causal exchange: field versions, write contexts, knowledge, sibling sort keys

Revision ID: 0012_causal_exchange
Revises: 0011_levels_and_codes
Create Date: 2026-11-27

A file made by the release before (perhaps mid-exchange) keeps working: the values it
holds become the starting version of every field, except the changes it has not yet
had acknowledged by every peer, which become versions of their own (so a concurrent
change at a peer is still found); what it received from each peer becomes its
knowledge of that peer; siblings get sort keys in their current order.
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_causal_exchange"
down_revision: str | None = "0011_levels_and_codes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORDERED = (
    "budget_lines",
    "budget_stages",
    "chapter_table_rows",
    "communication_rows",
    "credit_types",
    "diversity_actions",
    "diversity_bottlenecks",
    "diversity_indicators",
    "diversity_objectives",
    "diversity_pillars",
    "diversity_priorities",
    "indicators",
    "milestones",
    "objectives",
    "org_units",
    "plan_roles",
    "plan_sections",
    "policy_fields",
    "signatories",
)
_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def legacy_key(index: int) -> str:
    """The index-th fractional key from "a0" on ("a0" ... "az", "b00" ...): the
    keys of a list that was numbered 0..n-1 (kept here: a migration is frozen)."""
    length, span = 1, 62
    while index >= span:
        index -= span
        length += 1
        span = 62**length
    digits = []
    for _ in range(length):
        index, digit = divmod(index, 62)
        digits.append(_DIGITS[digit])
    return chr(ord("a") + length - 1) + "".join(reversed(digits))


def upgrade() -> None:
    op.create_table(
        "field_versions",
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("site", sa.String(length=32), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("context_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("decides", sa.Text(), nullable=True),
        sa.Column("txn", sa.String(length=48), nullable=True),
        sa.Column("note", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("row_id", "field", "site", "n", name=op.f("pk_field_versions")),
    )
    op.create_table(
        "write_contexts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("vv", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_write_contexts")),
        sa.UniqueConstraint("vv", name=op.f("uq_write_contexts_vv")),
    )
    op.create_table(
        "knowledge",
        sa.Column("site", sa.String(length=32), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("site", name=op.f("pk_knowledge")),
    )
    for name, kind in (
        ("dot_site", sa.String(length=32)),
        ("dot_n", sa.Integer()),
        ("context_id", sa.Integer()),
        ("decides", sa.Text()),
        ("txn", sa.String(length=48)),
        ("note", sa.String(length=64)),
    ):
        op.add_column("change_log", sa.Column(name, kind, nullable=True))
    op.add_column(
        "exchange_peers", sa.Column("knowledge", sa.Text(), nullable=False, server_default="{}")
    )
    op.add_column(
        "exchange_peers",
        sa.Column("successor", sa.String(length=32), nullable=False, server_default=""),
    )
    op.add_column("merge_conflicts", sa.Column("note", sa.Text(), nullable=True))
    op.add_column("merge_conflicts", sa.Column("versions", sa.Text(), nullable=True))
    for table in ORDERED:
        op.add_column(table, sa.Column("sort_key", sa.String(length=64), nullable=True))
    _fill(op.get_bind())


def _fill(conn: sa.Connection) -> None:
    for table in ORDERED:
        rows = conn.exec_driver_sql(f'SELECT id, position FROM "{table}"').fetchall()
        if rows:
            conn.exec_driver_sql(
                f'UPDATE "{table}" SET sort_key = ? WHERE id = ?',
                [(legacy_key(max(0, position or 0)), row_id) for row_id, position in rows],
            )
    empty = conn.exec_driver_sql("INSERT INTO write_contexts (vv) VALUES ('{}')").lastrowid
    site = conn.exec_driver_sql("SELECT value FROM local_state WHERE key = 'site_id'").scalar()
    peers = conn.exec_driver_sql(
        "SELECT id, site_id, received_seq, acked_seq FROM exchange_peers"
    ).fetchall()
    held: dict[str, int] = {}
    for peer_id, peer_site, received, acked in peers:
        held[peer_site] = max(held.get(peer_site, 0), received or 0)
        conn.exec_driver_sql(
            "UPDATE exchange_peers SET knowledge = ? WHERE id = ?",
            (json.dumps({site: acked or 0}, sort_keys=True), peer_id),
        )
    if held:
        conn.exec_driver_sql("INSERT INTO knowledge (site, n) VALUES (?, ?)", list(held.items()))
    if not peers:
        return  # never exchanged: every field's value is its starting version
    since = min(acked or 0 for _id, _site, _received, acked in peers)
    _unacknowledged_versions(conn, since, empty)


def _unacknowledged_versions(conn: sa.Connection, since: int, context_id: int) -> None:
    """The latest change of each field after ``since`` (not yet acknowledged by every
    peer) becomes a version: a peer's concurrent change of it is a conflict."""
    latest: dict[tuple[str, str], tuple] = {}
    for seq, site, hlc, table, row_id, op_name, field, old, new in conn.exec_driver_sql(
        "SELECT seq, site_id, hlc, table_name, row_id, op, field, old, new FROM change_log"
        " WHERE seq > ? AND op IN ('insert', 'update', 'delete') ORDER BY seq",
        (since,),
    ):
        if field == "position":
            continue  # no longer exchanged: each copy numbers its own rows
        latest[(row_id, field)] = (row_id, field, site, seq, table, hlc, context_id, old, new)
    rows = []
    for row_id, field, site, seq, table, hlc, ctx, old, new in latest.values():
        value = None if field == "*" else new
        rows.append((row_id, field, site, seq, table, hlc, ctx, value, old))
    if rows:
        conn.exec_driver_sql(
            "INSERT INTO field_versions (row_id, field, site, n, table_name, hlc, context_id,"
            " value, old) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        # these writes are versions now: the log says so (a context: nothing seen since)
        conn.exec_driver_sql(
            "UPDATE change_log SET context_id = ? WHERE seq = ?",
            [(context_id, row[3]) for row in rows],
        )


def downgrade() -> None:
    for table in ORDERED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("sort_key")
    with op.batch_alter_table("merge_conflicts") as batch:
        batch.drop_column("versions")
        batch.drop_column("note")
    with op.batch_alter_table("exchange_peers") as batch:
        batch.drop_column("successor")
        batch.drop_column("knowledge")
    with op.batch_alter_table("change_log") as batch:
        for name in ("note", "txn", "decides", "context_id", "dot_n", "dot_site"):
            batch.drop_column(name)
    op.drop_table("knowledge")
    op.drop_table("write_contexts")
    op.drop_table("field_versions")
