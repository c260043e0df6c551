"""This installation's exchange keys: Ed25519 to sign packages, X25519 to receive them.

The keys belong to the installation (the user's data folder), not to a plan file: a
post's laptop signs every package it sends with the same key, and headquarters trusts
that key once a person has compared its fingerprint (read over the phone). The private
keys are written with mode 0600; losing them means re-enrolling, never losing data.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from planner_app.errors import ExchangeError
from planner_app.i18n import _
from planner_app.storage.locations import user_data_dir

KEY_FILE = "exchange-keys.json"

_RAW = serialization.Encoding.Raw
_RAW_PUB = serialization.PublicFormat.Raw
_RAW_PRIV = serialization.PrivateFormat.Raw


def fingerprint(sign_public: bytes, box_public: bytes) -> str:
    """A short, readable digest of both public keys: 8 groups of 4 hex digits."""
    digest = hashlib.sha256(b"planner-app keys\0" + sign_public + box_public).hexdigest()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4)).upper()


def normalise_fingerprint(text: str) -> str:
    """The fingerprint as typed (any case, spaces, dashes or colons) in canonical form."""
    digits = "".join(ch for ch in text.upper() if ch in "0123456789ABCDEF")
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


@dataclass(frozen=True)
class PublicKeys:
    """Another installation's (or our own) public keys, raw 32 bytes each."""

    sign: bytes
    box: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign, self.box)

    def verifier(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.sign)

    def box_key(self) -> X25519PublicKey:
        return X25519PublicKey.from_public_bytes(self.box)

    def as_json(self) -> dict[str, str]:
        return {"sign": self.sign.hex(), "box": self.box.hex()}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> PublicKeys:
        sign, box = bytes.fromhex(data["sign"]), bytes.fromhex(data["box"])
        if len(sign) != 32 or len(box) != 32:
            raise ValueError("a public key is 32 bytes")
        return cls(sign, box)


@dataclass(frozen=True)
class KeyPair:
    """This installation's private keys."""

    signer: Ed25519PrivateKey
    box: X25519PrivateKey

    @property
    def public(self) -> PublicKeys:
        return PublicKeys(
            self.signer.public_key().public_bytes(_RAW, _RAW_PUB),
            self.box.public_key().public_bytes(_RAW, _RAW_PUB),
        )

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint


def key_path() -> Path:
    return user_data_dir() / KEY_FILE


def _private_bytes(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
    return key.private_bytes(_RAW, _RAW_PRIV, serialization.NoEncryption()).hex()


def _write_private(path: Path, text: str) -> None:
    """Create the file with mode 0600 from the start (never world-readable for a moment)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def load_or_create() -> KeyPair:
    """This installation's keys, made on first use."""
    path = key_path()
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return KeyPair(
                Ed25519PrivateKey.from_private_bytes(bytes.fromhex(data["sign"])),
                X25519PrivateKey.from_private_bytes(bytes.fromhex(data["box"])),
            )
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise ExchangeError(
                _(
                    "The exchange keys in {path} are damaged; move the file away to make new ones."
                ).format(path=path)
            ) from err
    pair = KeyPair(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())
    text = json.dumps(
        {"version": 1, "sign": _private_bytes(pair.signer), "box": _private_bytes(pair.box)}
    )
    _write_private(path, text)
    return pair
