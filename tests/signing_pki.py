"""A test PKI and SoftHSM2 tokens for the signing tests (never a real card).

``TestPki`` makes a root CA and issues signatories' certificates with ``cryptography``.
``SoftHsm`` initialises one SoftHSM2 token per signatory in a temporary folder (its own
``SOFTHSM2_CONF``), generates the signature key *on the token*, as an eID card holds its
key, and stores the certificate the test CA issued for it beside the key, with the CA's
certificate, labelled as on an eID card ("Signature", "CA").

SoftHSM2 is read once per process (PKCS#11 is initialised once), so the tokens are made
once per test session, before the library is first loaded.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

SOFTHSM_LIBS = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)
SO_PIN = "12345678"


def softhsm_library() -> Path | None:
    if shutil.which("softhsm2-util") is None:
        return None
    return next((Path(p) for p in SOFTHSM_LIBS if Path(p).is_file()), None)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _usage(*, sign_certs: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not sign_certs,
        content_commitment=not sign_certs,  # non-repudiation: a signature certificate
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=sign_certs,
        crl_sign=sign_certs,
        encipher_only=False,
        decipher_only=False,
    )


@dataclass
class TestPki:
    """A root CA that issues signature certificates."""

    __test__ = False  # not a test class

    name: str = "Planner Test Root CA"
    key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    serial: int = 100

    def __post_init__(self) -> None:
        now = dt.datetime.now(dt.UTC)
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(_name(self.name))
            .issuer_name(_name(self.name))
            .public_key(self.key.public_key())
            .serial_number(1)
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(_usage(sign_certs=True), critical=True)
            .sign(self.key, hashes.SHA256())
        )

    def issue(self, common_name: str, public_key) -> x509.Certificate:
        self.serial += 1
        now = dt.datetime.now(dt.UTC)
        return (
            x509.CertificateBuilder()
            .subject_name(_name(common_name))
            .issuer_name(self.cert.subject)
            .public_key(public_key)
            .serial_number(self.serial)
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_usage(sign_certs=False), critical=True)
            .sign(self.key, hashes.SHA256())
        )

    def write_root(self, path: Path) -> Path:
        path.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))
        return path

    def pkcs12(self, common_name: str, path: Path, passphrase: bytes) -> Path:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cert = self.issue(common_name, key.public_key())
        path.write_bytes(
            pkcs12.serialize_key_and_certificates(
                b"signature",
                key,
                cert,
                [self.cert],
                serialization.BestAvailableEncryption(passphrase),
            )
        )
        return path


class SoftHsm:
    """SoftHSM2 tokens in ``folder``; ``add_token`` makes one with a signatory's key."""

    def __init__(self, folder: Path, library: Path) -> None:
        self.library = library
        self.tokens = folder / "tokens"
        self.tokens.mkdir(parents=True)
        self.conf = folder / "softhsm2.conf"
        self.conf.write_text(
            f"directories.tokendir = {self.tokens}\nobjectstore.backend = file\n"
            "log.level = ERROR\nslots.removable = false\n"
        )
        os.environ["SOFTHSM2_CONF"] = str(self.conf)

    def init_token(self, label: str, pin: str) -> None:
        subprocess.run(
            [
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                label,
                "--so-pin",
                SO_PIN,
                "--pin",
                pin,
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "SOFTHSM2_CONF": str(self.conf)},
        )

    def put_key(self, label: str, pin: str, pki: TestPki, common_name: str) -> x509.Certificate:
        """Generate the signature key on the token and store its certificate (and the
        CA's) beside it."""
        import pkcs11
        from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass

        token = pkcs11.lib(str(self.library)).get_token(token_label=label)
        with token.open(rw=True, user_pin=pin) as session:
            public, _private = session.generate_keypair(
                KeyType.RSA, 2048, store=True, label="Signature", id=b"\x01"
            )
            numbers = rsa.RSAPublicNumbers(
                int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big"),
                int.from_bytes(public[Attribute.MODULUS], "big"),
            )
            cert = pki.issue(common_name, numbers.public_key())
            for der, cert_label, cert_id, subject in (
                (cert.public_bytes(serialization.Encoding.DER), "Signature", b"\x01", cert),
                (pki.cert.public_bytes(serialization.Encoding.DER), "CA", b"\x02", pki.cert),
            ):
                session.create_object(
                    {
                        Attribute.CLASS: ObjectClass.CERTIFICATE,
                        Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                        Attribute.TOKEN: True,
                        Attribute.LABEL: cert_label,
                        Attribute.ID: cert_id,
                        Attribute.SUBJECT: subject.subject.public_bytes(),
                        Attribute.VALUE: der,
                    }
                )
        return cert


def timestamp_authority(pki: TestPki):
    """(certificate, key) of a timestamping unit certified by ``pki``, in the forms
    pyHanko's ``DummyTimeStamper`` takes."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.x509.oid import ExtendedKeyUsageOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pki.serial += 1
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("Planner Test TSA"))
        .issuer_name(pki.cert.subject)
        .public_key(key.public_key())
        .serial_number(pki.serial)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(pki.key, hashes.SHA256())
    )
    der_key = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return (
        asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        asn1_keys.PrivateKeyInfo.load(der_key),
    )
