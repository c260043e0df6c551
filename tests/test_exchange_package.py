"""The package file: keys, signature, encryption and every way a package can be bad.

Each refusal has its own error class and message; nothing is ever extracted."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from planner_app.errors import (
    NewerPackageError,
    NotAPackageError,
    TamperedPackageError,
    UnsafePackageError,
    WrongRecipientError,
)
from planner_app.exchange import keys as keymod
from planner_app.exchange.keys import KeyPair, normalise_fingerprint
from planner_app.exchange.package import (
    MANIFEST,
    PAYLOAD,
    SIGNATURE,
    canonical,
    decrypt_payload,
    open_package,
    write_package,
)


def _pair() -> KeyPair:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    return KeyPair(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())


@pytest.fixture
def pair():
    return _pair(), _pair()


@pytest.fixture
def package(tmp_path: Path, pair) -> Path:
    sender, recipient = pair
    path = tmp_path / "p.plnpkg"
    write_package(path, {"plan_id": "x"}, {"changes": [1, 2, 3]}, sender, recipient.public)
    return path


def test_keys_are_made_once_private_and_have_a_readable_fingerprint():
    first = keymod.load_or_create()
    again = keymod.load_or_create()
    assert first.public == again.public
    if os.name == "posix":
        assert stat.S_IMODE(keymod.key_path().stat().st_mode) == 0o600
    groups = first.fingerprint.split(" ")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert normalise_fingerprint(first.fingerprint.lower().replace(" ", "-")) == first.fingerprint


def test_round_trip_and_inspect_without_the_recipient_key(package, pair):
    sender, recipient = pair
    opened = open_package(package)
    assert opened.header["plan_id"] == "x"
    assert opened.fingerprint == sender.fingerprint
    assert decrypt_payload(opened, recipient) == {"changes": [1, 2, 3]}
    # the payload is not readable in the file
    assert b"changes" not in package.read_bytes()


def test_wrong_recipient(package):
    with pytest.raises(WrongRecipientError, match="not written for this installation"):
        decrypt_payload(open_package(package), _pair())


def _rewrite(src: Path, dst: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> None:
    with zipfile.ZipFile(dst, "w") as zf:
        for name, data in entries:
            zf.writestr(name, data)


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def test_not_a_package(tmp_path: Path):
    junk = tmp_path / "junk.plnpkg"
    junk.write_bytes(b"hello, this is not a zip")
    with pytest.raises(NotAPackageError):
        open_package(junk)
    other = tmp_path / "other.zip"
    _rewrite(junk, other, [("readme.txt", b"hi")])
    with pytest.raises(NotAPackageError):
        open_package(other)
    with pytest.raises(NotAPackageError, match="does not exist"):
        open_package(tmp_path / "missing.plnpkg")


def test_one_flipped_byte_is_refused(package, tmp_path):
    for offset in (40, len(package.read_bytes()) // 2, len(package.read_bytes()) - 30):
        data = bytearray(package.read_bytes())
        data[offset] ^= 0x01
        bad = tmp_path / f"flip{offset}.plnpkg"
        bad.write_bytes(bytes(data))
        with pytest.raises((TamperedPackageError, NotAPackageError)):
            decrypt_payload(open_package(bad), _pair())


def test_tampered_manifest_swapped_added_missing_members(package, tmp_path, pair):
    entries = _entries(package)
    bad = tmp_path / "bad.plnpkg"
    manifest = json.loads(entries[MANIFEST])
    manifest["header"]["plan_id"] = "y"
    _rewrite(
        package,
        bad,
        [
            (MANIFEST, canonical(manifest)),
            (SIGNATURE, entries[SIGNATURE]),
            (PAYLOAD, entries[PAYLOAD]),
        ],
    )
    with pytest.raises(TamperedPackageError, match="bad signature"):
        open_package(bad)

    other = tmp_path / "other.plnpkg"
    write_package(other, {"plan_id": "x"}, {"changes": []}, pair[0], pair[1].public)
    swapped = {**entries, PAYLOAD: _entries(other)[PAYLOAD]}
    _rewrite(package, bad, list(swapped.items()))
    with pytest.raises(TamperedPackageError, match="differs from the manifest"):
        open_package(bad)

    _rewrite(package, bad, [*entries.items(), ("extra.txt", b"x")])
    with pytest.raises(TamperedPackageError, match="does not list"):
        open_package(bad)

    _rewrite(package, bad, [(MANIFEST, entries[MANIFEST]), (SIGNATURE, entries[SIGNATURE])])
    with pytest.raises(TamperedPackageError, match="missing"):
        open_package(bad)


def test_newer_format_says_update(package, tmp_path, pair):
    sender, _recipient = pair
    entries = _entries(package)
    manifest = json.loads(entries[MANIFEST])
    manifest["header"]["format_version"] = 99
    raw = canonical(manifest)
    bad = tmp_path / "newer.plnpkg"
    _rewrite(
        package,
        bad,
        [(MANIFEST, raw), (SIGNATURE, sender.signer.sign(raw)), (PAYLOAD, entries[PAYLOAD])],
    )
    with pytest.raises(NewerPackageError, match="update the app"):
        open_package(bad)


@pytest.mark.parametrize(
    "name", ["/etc/passwd", "../evil", "a/../../evil", "a\\evil", "C:evil", "C:/evil", "a//b"]
)
def test_unsafe_names_are_refused(package, tmp_path, name):
    bad = tmp_path / "unsafe.plnpkg"
    _rewrite(package, bad, [*_entries(package).items(), (name, b"x")])
    with pytest.raises(UnsafePackageError, match="unsafe name"):
        open_package(bad)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.plnpkg", "unsafe.plnpkg"]


def test_symlink_and_duplicate_entries_are_refused(package, tmp_path):
    bad = tmp_path / "link.plnpkg"
    link = zipfile.ZipInfo("link")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    _rewrite(package, bad, [*_entries(package).items(), (link, b"/etc/passwd")])
    with pytest.raises(UnsafePackageError, match="link"):
        open_package(bad)
    entries = _entries(package)
    with pytest.warns(UserWarning):  # zipfile warns about the duplicate name it writes
        _rewrite(package, bad, [*entries.items(), (PAYLOAD, entries[PAYLOAD])])
    with pytest.raises(UnsafePackageError, match="twice"):
        open_package(bad)


def test_zip_bomb_is_refused_before_inflating(package, tmp_path):
    bad = tmp_path / "bomb.plnpkg"
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in _entries(package).items():
            zf.writestr(name, data)
        zf.writestr("bomb", b"\0" * (50 * 1024 * 1024))
    with pytest.raises(UnsafePackageError, match="more than a package may hold"):
        open_package(bad)
