"""The package file: one zip, a signed manifest, an encrypted payload.

Layout (format 1)::

    manifest.json   {"header": {...}, "members": [{"name", "size", "sha256"}, ...]}
    manifest.sig    Ed25519 signature of manifest.json's exact bytes
    payload.bin     AES-256-GCM ciphertext of the zlib-compressed JSON payload

Reading is defensive because a package arrives by mail from a laptop we do not
control: every zip entry name and size is checked before anything is read; the
manifest (at most 64 KiB) is the only thing parsed before its signature is verified;
members are read into memory, bounded by the size the signed manifest gives, and only
by the names it lists; nothing is ever extracted to disk. The payload is encrypted to
the recipient's X25519 key (an ephemeral key, ECDH, HKDF-SHA256), with the header as
associated data, so ``inspect`` can show the header without the recipient's key.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from planner_app.errors import (
    NewerPackageError,
    NotAPackageError,
    TamperedPackageError,
    UnsafePackageError,
    WrongRecipientError,
)
from planner_app.exchange.keys import KeyPair, PublicKeys
from planner_app.i18n import _

FORMAT = "planner-app-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PAYLOAD = "payload.bin"
PACKAGE_SUFFIX = ".plnpkg"

MAX_MANIFEST = 64 * 1024
MAX_MEMBER = 256 * 1024 * 1024  # one member, uncompressed
MAX_TOTAL = 512 * 1024 * 1024  # all members, uncompressed
MAX_PAYLOAD_JSON = 512 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, above 1 MiB
MAX_ENTRIES = 16

_DRIVE = re.compile(r"^[A-Za-z]:")
_HKDF_INFO = b"planner-app package v1"


def canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True)
class Package:
    """A package whose manifest signature and members have been checked (not decrypted)."""

    path: Path
    header: dict[str, Any]
    sender: PublicKeys
    members: dict[str, bytes]

    @property
    def fingerprint(self) -> str:
        return self.sender.fingerprint


# --- writing -------------------------------------------------------------------------


def _payload_key(shared: bytes, recipient_box: bytes, ephemeral: bytes) -> bytes:
    hkdf = HKDF(hashes.SHA256(), 32, salt=None, info=_HKDF_INFO + recipient_box + ephemeral)
    return hkdf.derive(shared)


def write_package(
    path: Path, header: dict[str, Any], payload: Any, keys: KeyPair, recipient: PublicKeys
) -> None:
    """Write ``payload`` encrypted to ``recipient``, signed by ``keys``; atomically."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_pub = ephemeral.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    nonce = os.urandom(12)
    full_header = {
        **header,
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "sender": keys.public.as_json(),
        "recipient": recipient.as_json(),
        "encryption": {
            "alg": "X25519-HKDF-SHA256-AES256GCM",
            "ephemeral": ephemeral_pub.hex(),
            "nonce": nonce.hex(),
        },
    }
    key = _payload_key(ephemeral.exchange(recipient.box_key()), recipient.box, ephemeral_pub)
    plain = zlib.compress(canonical(payload), 6)
    sealed = AESGCM(key).encrypt(nonce, plain, canonical(full_header))
    manifest = canonical(
        {
            "header": full_header,
            "members": [
                {"name": PAYLOAD, "size": len(sealed), "sha256": hashlib.sha256(sealed).hexdigest()}
            ],
        }
    )
    signature = keys.signer.sign(manifest)
    tmp = path.with_name(f".{path.name}.writing")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST, manifest)
            zf.writestr(SIGNATURE, signature)
            zf.writestr(PAYLOAD, sealed, compress_type=zipfile.ZIP_STORED)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


# --- reading -------------------------------------------------------------------------


def _check_name(path: Path, info: zipfile.ZipInfo) -> None:
    name = info.filename
    unsafe = (
        not name
        or name.startswith(("/", "\\"))
        or "\\" in name
        or _DRIVE.match(name) is not None
        or any(part in ("..", "") for part in name.split("/"))
        or "\0" in name
    )
    if unsafe:
        raise UnsafePackageError(
            _("{path} holds an entry with an unsafe name ({name}); it was not opened.").format(
                path=path, name=name
            )
        )
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode) or info.is_dir():
        raise UnsafePackageError(
            _("{path} holds a link or folder entry ({name}); it was not opened.").format(
                path=path, name=name
            )
        )


def _check_entries(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise UnsafePackageError(
            _("{path} holds too many entries for a package.").format(path=path)
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        _check_name(path, info)
        if info.filename in seen:
            raise UnsafePackageError(
                _("{path} holds the entry {name} twice; it was not opened.").format(
                    path=path, name=info.filename
                )
            )
        seen.add(info.filename)
        total += info.file_size
        too_big = info.file_size > MAX_MEMBER or total > MAX_TOTAL
        bomb = info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        )
        if too_big or bomb:
            raise UnsafePackageError(
                _(
                    "{path} unpacks to more than a package may hold ({name}); it was not opened."
                ).format(path=path, name=info.filename)
            )


def _read_bounded(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """At most ``limit + 1`` bytes: a lying size header cannot make us inflate more."""
    with zf.open(info) as fh:
        return fh.read(limit + 1)


def _not_a_package(path: Path) -> NotAPackageError:
    return NotAPackageError(_("{path} is not a planner-app package.").format(path=path))


def _parse_manifest(path: Path, raw: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    try:
        manifest = json.loads(raw.decode("utf-8"))
        header = manifest["header"]
        members = manifest["members"]
        if header.get("format") != FORMAT:
            raise ValueError
        version = int(header["format_version"])
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise _not_a_package(path) from err
    if version > FORMAT_VERSION:
        raise NewerPackageError(
            _(
                "{path} was written by a newer version of this app (package format {version}); "
                "update the app to read it."
            ).format(path=path, version=version)
        )
    if not isinstance(members, list) or not all(isinstance(m, dict) for m in members):
        raise _not_a_package(path)
    return header, members


def _verify(path: Path, header: dict[str, Any], manifest: bytes, signature: bytes) -> PublicKeys:
    try:
        sender = PublicKeys.from_json(header["sender"])
    except (KeyError, ValueError, TypeError) as err:
        raise _not_a_package(path) from err
    try:
        sender.verifier().verify(signature, manifest)
    except InvalidSignature as err:
        raise TamperedPackageError(
            _("{path} has a bad signature: it was changed after it was written.").format(path=path)
        ) from err
    return sender


def _tampered(path: Path, name: str, problem: str) -> TamperedPackageError:
    return TamperedPackageError(
        _("{path} was changed after it was signed: {problem} ({name}).").format(
            path=path, problem=problem, name=name
        )
    )


def _read_members(
    path: Path, zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], listed: list[dict]
) -> dict[str, bytes]:
    members: dict[str, bytes] = {}
    names = [str(m.get("name", "")) for m in listed]
    if len(set(names)) != len(names):
        raise _tampered(path, ", ".join(names), _("a member is listed twice"))
    for extra in sorted(set(infos) - {MANIFEST, SIGNATURE, *names}):
        raise _tampered(path, extra, _("a member the manifest does not list"))
    for entry in listed:
        name = str(entry.get("name", ""))
        try:
            size, digest = int(entry["size"]), str(entry["sha256"])
        except (KeyError, ValueError, TypeError) as err:
            raise _not_a_package(path) from err
        info = infos.get(name)
        if info is None:
            raise _tampered(path, name, _("a listed member is missing"))
        if size > MAX_MEMBER:
            raise UnsafePackageError(
                _(
                    "{path} unpacks to more than a package may hold ({name}); it was not opened."
                ).format(path=path, name=name)
            )
        data = _read_bounded(zf, info, size)
        if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            raise _tampered(path, name, _("a member differs from the manifest"))
        members[name] = data
    return members


def open_package(path: Path) -> Package:
    """Check a package's entries, signature and members; decrypt nothing.

    Raises a distinct ``ExchangeError`` subclass for each way a package can be bad.
    """
    path = Path(path)
    if not path.is_file():
        raise NotAPackageError(_("The package {path} does not exist.").format(path=path))
    try:
        with zipfile.ZipFile(path) as zf:
            entries = zf.infolist()
            _check_entries(path, entries)
            infos = {info.filename: info for info in entries}
            if MANIFEST not in infos or SIGNATURE not in infos:
                raise _not_a_package(path)
            manifest = _read_bounded(zf, infos[MANIFEST], MAX_MANIFEST)
            if len(manifest) > MAX_MANIFEST:
                raise UnsafePackageError(
                    _("{path} has an oversized manifest; it was not opened.").format(path=path)
                )
            signature = _read_bounded(zf, infos[SIGNATURE], 64)
            header, listed = _parse_manifest(path, manifest)
            sender = _verify(path, header, manifest, signature)
            members = _read_members(path, zf, infos, listed)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as err:
        # RuntimeError: encrypted zip entries; OSError: unreadable or truncated file
        raise NotAPackageError(
            _("{path} is not a planner-app package or is damaged.").format(path=path)
        ) from err
    return Package(path, header, sender, members)


def decrypt_payload(package: Package, keys: KeyPair) -> Any:
    """The payload, if it was encrypted to ``keys``; else ``WrongRecipientError``."""
    header = package.header
    wrong = WrongRecipientError(
        _("{path} was not written for this installation (its key {fingerprint}).").format(
            path=package.path, fingerprint=keys.fingerprint
        )
    )
    try:
        enc = header["encryption"]
        ephemeral = bytes.fromhex(enc["ephemeral"])
        nonce = bytes.fromhex(enc["nonce"])
        sealed = package.members[PAYLOAD]
        shared = keys.box.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    except (KeyError, ValueError, TypeError) as err:
        raise _not_a_package(package.path) from err
    key = _payload_key(shared, keys.public.box, ephemeral)
    try:
        plain = AESGCM(key).decrypt(nonce, sealed, canonical(header))
    except InvalidTag as err:
        raise wrong from err
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(plain, MAX_PAYLOAD_JSON)
        if inflater.unconsumed_tail or not inflater.eof:
            raise UnsafePackageError(
                _("{path} unpacks to more than a package may hold; it was not opened.").format(
                    path=package.path
                )
            )
        return json.loads(data.decode("utf-8"))
    except (zlib.error, ValueError) as err:
        raise _not_a_package(package.path) from err
