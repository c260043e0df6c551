"""The trust roots signatures are validated against, read from files kept on disk.

Validation must work offline, years later: so the roots are files, not a download. A
trust source is a certificate file (PEM, possibly several certificates, or DER), a
folder of such files, or a trusted list in the EU format (ETSI TS 119 612 XML, e.g. the
Belgian list ``tsl-be.xml``), whose qualified CA services' certificates are taken. A
trusted list's own XML signature is not checked: like a certificate file, it is trusted
as kept, so keep it where only those who may change it can write.

Without ``--trust``, the files in the app's trust folder (``default_trust_folder``) are
used, so a secretary puts the roots there once.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner_app.errors import DocumentError
from planner_app.i18n import _

if TYPE_CHECKING:
    from asn1crypto import x509

_TSL_NS = "{http://uri.etsi.org/02231/v2#}"
_QUALIFIED_CA = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC"
_WITHDRAWN = ("withdrawn", "deprecated", "revoked", "supervisionceased")
_SUFFIXES = {".pem", ".crt", ".cer", ".der", ".xml"}


@dataclass(frozen=True)
class TrustRoots:
    """Certificates to trust, and where they came from (for the report)."""

    certificates: tuple[x509.Certificate, ...]
    sources: tuple[Path, ...]

    def __bool__(self) -> bool:
        return bool(self.certificates)


def default_trust_folder() -> Path:
    """``<app data>/trust``: the trust roots used when none are given."""
    from planner_app.storage.locations import user_data_dir

    return user_data_dir() / "trust"


def load_trust(paths: list[Path] | None) -> TrustRoots:
    """The roots in ``paths`` (files or folders); None: the default trust folder, if it
    exists. A path given that cannot be read is a ``DocumentError``."""
    if paths is None:
        folder = default_trust_folder()
        paths = [folder] if folder.is_dir() else []
    certificates: dict[bytes, x509.Certificate] = {}
    sources = []
    for path in paths:
        files = (
            sorted(p for p in path.iterdir() if p.suffix.lower() in _SUFFIXES)
            if (path.is_dir())
            else [path]
        )
        for file in files:
            for cert in _read(file):
                certificates.setdefault(cert.sha256, cert)
            sources.append(file)
    return TrustRoots(tuple(certificates.values()), tuple(sources))


def _read(file: Path) -> list[x509.Certificate]:
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    try:
        data = file.read_bytes()
    except OSError as err:
        raise DocumentError(
            _("Cannot read the trust roots {path}: {reason}").format(path=file, reason=err.strerror)
        ) from err
    try:
        if data.lstrip().startswith(b"<"):
            ders = _trusted_list(data)
        elif pem.detect(data):
            ders = [der for _kind, _headers, der in pem.unarmor(data, multiple=True)]
        else:
            ders = [data]
        certs = [asn1_x509.Certificate.load(der) for der in ders]
        for cert in certs:
            cert.native  # noqa: B018 (parses it all now: a bad file fails here)
    except (ValueError, TypeError, binascii.Error) as err:
        raise DocumentError(
            _(
                "{path} holds no certificates: give PEM or DER certificates, or a trusted "
                "list (ETSI TS 119 612 XML)."
            ).format(path=file)
        ) from err
    if not certs:
        raise DocumentError(_("{path} holds no qualified CA certificates.").format(path=file))
    return certs


def _trusted_list(data: bytes) -> list[bytes]:
    """The certificates of the qualified CA services of an ETSI TS 119 612 list that
    are not withdrawn."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException) as err:
        raise ValueError("not XML") from err
    if root.tag != f"{_TSL_NS}TrustServiceStatusList":
        raise ValueError("not a trusted list")
    ders = []
    for info in root.iter(f"{_TSL_NS}ServiceInformation"):
        kind = (info.findtext(f"{_TSL_NS}ServiceTypeIdentifier") or "").strip()
        status = (info.findtext(f"{_TSL_NS}ServiceStatus") or "").strip().lower()
        if kind != _QUALIFIED_CA or status.rsplit("/", 1)[-1] in _WITHDRAWN:
            continue
        for cert in info.iter(f"{_TSL_NS}X509Certificate"):
            ders.append(base64.b64decode("".join((cert.text or "").split()), validate=True))
    return ders
