"""``planner-app check FILE --against PACKAGE``: does this copy hold what the package's
sender held? The sender's digest (``exchange.digest``) travels in the package header; this
compares it with the same digest computed here for the pair's shared content."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from planner_app.domain import ExchangePeer, Plan
from planner_app.errors import WrongRecipientError
from planner_app.exchange.changes import own_sites, pair_unit, pending_changes
from planner_app.exchange.digest import Divergence, compare, shared_digest
from planner_app.exchange.package import open_package
from planner_app.i18n import _


@dataclass(frozen=True)
class Against:
    """``check --against``: how this file compares with the package's sender."""

    divergence: Divergence
    merged: bool  # this file has merged the package (or a later one)
    ahead: bool  # this file holds writes the sender had not received


def against(store, path) -> Against:
    """Compare this file's shared content with the digest in a package it received."""
    package = open_package(path)
    header = package.header
    with store.read() as s:
        plan = s.get(Plan, uuid.UUID(str(header.get("plan_id"))))
        peer = s.scalar(
            select(ExchangePeer).where(ExchangePeer.site_id == str(header.get("from_site")))
        )
        if plan is None or peer is None or header.get("to_site") not in own_sites(s):
            raise WrongRecipientError(
                _(
                    "{path} was not sent to this file; compare a file with a package it received."
                ).format(path=path)
            )
        if "digest" not in header:
            raise WrongRecipientError(
                _("{path} was written by an older version and carries no digest.").format(path=path)
            )
        while peer.successor:  # the sender's later incarnation
            peer = s.scalar(select(ExchangePeer).where(ExchangePeer.site_id == peer.successor))
        here = shared_digest(s, plan.id, pair_unit(s, peer))
        return Against(
            compare(here, header["digest"]),
            peer.received_seq >= int(header.get("seq_to") or 0),
            bool(pending_changes(s, plan, peer)),
        )


__all__ = ["Against", "against"]
