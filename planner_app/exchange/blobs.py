"""The bytes of binary values a package's changes write (images kept in the plan, the
scan of a signed copy).

The change log records a binary value by its SHA-256 and size; a package carries each
such value's bytes once, in ``payload["blobs"]`` (digest -> base64), taken from the
sender's row when it still holds those bytes. The receiver takes a blob only when its
bytes hash to its digest, and writes a change back only with the bytes it logged
(``values.from_json``); a change whose bytes did not come is refused, by name.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from planner_app.errors import ExchangeError
from planner_app.exchange.values import blob_columns, blob_digests, row_uuid, synced_models
from planner_app.i18n import _


def collect(s: Session, records: Iterable[dict[str, Any]]) -> dict[str, str]:
    """digest -> base64 of the bytes the changes in ``records`` write, as this file
    holds them now (a value since replaced by other bytes is not sent: a later change
    in the same package writes the newer one)."""
    models = synced_models()
    out: dict[str, str] = {}
    for record in records:
        model = models.get(record["table"])
        if model is None or not blob_columns(model):
            continue
        wanted = [d for d in blob_digests(record, model) if d not in out]
        if not wanted:
            continue
        row = s.get(model, row_uuid(record))
        if row is None:
            continue
        for name in blob_columns(model):
            data = getattr(row, name)
            if data is None:
                continue
            digest = hashlib.sha256(data).hexdigest()
            if digest in wanted:
                out[digest] = base64.b64encode(data).decode("ascii")
    return out


def read(payload: Any, path: object) -> dict[str, bytes]:
    """The blobs of a decrypted payload, each checked against its digest."""
    blobs = payload.get("blobs", {}) if isinstance(payload, dict) else {}
    if not isinstance(blobs, dict):
        raise ExchangeError(_("{path} holds changes this app cannot read.").format(path=path))
    out: dict[str, bytes] = {}
    for digest, text in blobs.items():
        try:
            data = base64.b64decode(text, validate=True)
        except (binascii.Error, TypeError, ValueError):
            data = None
        if data is None or hashlib.sha256(data).hexdigest() != digest:
            raise ExchangeError(
                _("{path} holds a binary value whose bytes do not match its checksum.").format(
                    path=path
                )
            )
        out[digest] = data
    return out
