"""Where a signatory's key is: a PKCS#12 file, or a PKCS#11 token.

The Belgian eID card is a PKCS#11 token (label ``BELPIC``) reached through its
middleware (``libbeidpkcs11``); its signature key is labelled ``Signature`` and its
middleware asks for the PIN itself, on the card reader's pinpad or in its own dialog, so
we never see it (``pyhanko-beid-plugin``'s ``BEIDSigner``). Any other token (SoftHSM2 in
the tests, a smart card of another kind) is opened with the user's PIN, which we ask for
and pass on, and never keep.

Every failure a user can cause (a wrong PIN or passphrase, no card in the reader, a
library that is not a PKCS#11 module, several keys and none named) is one sentence in a
``SigningError``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import planner_app.signing  # noqa: F401 (quiets pyHanko's import warnings)
from planner_app.errors import KeyFileError, SigningError
from planner_app.i18n import _

if TYPE_CHECKING:
    from pyhanko.sign.signers import Signer

BEID_TOKEN = "BELPIC"
BEID_KEY = "Signature"  # the eID's qualified signature key ("Authentication" is not one)


@dataclass(frozen=True)
class KeySource:
    """A PKCS#12 file, or a PKCS#11 library with an optional token and key label."""

    pkcs12: Path | None = None
    pkcs11_lib: Path | None = None
    token_label: str | None = None
    key_label: str | None = None

    def __post_init__(self) -> None:
        if (self.pkcs12 is None) == (self.pkcs11_lib is None):
            raise ValueError("a key source is a PKCS#12 file or a PKCS#11 library")

    def describe(self) -> str:
        if self.pkcs12 is not None:
            return _("the key file {path}").format(path=self.pkcs12.name)
        if self.token_label:
            return _("the token {label}").format(label=self.token_label)
        return _("the token in {library}").format(library=self.pkcs11_lib)


def needs_secret(source: KeySource) -> bool:
    """Whether we must ask the user for a PIN or passphrase: not for a token whose
    middleware asks for it itself (the eID card, a reader with a pinpad)."""
    if source.pkcs12 is not None:
        return True
    from pkcs11 import TokenFlag

    with _pkcs11_errors(source):
        token = _find_token(source)
        if token.label == BEID_TOKEN:
            return False
        return not token.flags & TokenFlag.PROTECTED_AUTHENTICATION_PATH


@contextlib.contextmanager
def open_signer(source: KeySource, secret: str | None) -> Iterator[Signer]:
    """A pyHanko ``Signer`` for ``source``, open while the context lasts; ``secret``
    is the PIN or passphrase (None where ``needs_secret`` says the middleware asks)."""
    if source.pkcs12 is not None:
        yield _pkcs12_signer(source.pkcs12, secret)
        return
    with _pkcs11_errors(source):
        session, signer = _pkcs11_signer(source, secret)
    try:
        with _pkcs11_errors(source):
            yield signer
    finally:
        with contextlib.suppress(Exception):
            session.close()


def _pkcs12_signer(path: Path, secret: str | None) -> Signer:
    from pyhanko.sign.signers import SimpleSigner

    try:
        data = path.read_bytes()
    except OSError as err:
        raise KeyFileError(
            _("Cannot read the key file {path}: {reason}").format(path=path, reason=err.strerror)
        ) from err
    passphrase = secret.encode() if secret else None
    try:
        return SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=passphrase)
    except (ValueError, TypeError) as err:
        raise SigningError(
            _(
                "{path} cannot be opened: the passphrase is wrong, or it is not a PKCS#12 key file."
            ).format(path=path.name)
        ) from err


def _library(source: KeySource):
    from pkcs11 import lib as p11_lib
    from pkcs11.exceptions import PKCS11Error

    path = source.pkcs11_lib
    assert path is not None
    if not path.is_file():
        raise KeyFileError(_("The PKCS#11 library {path} does not exist.").format(path=path))
    try:
        return p11_lib(str(path))
    except (OSError, RuntimeError, PKCS11Error) as err:
        raise KeyFileError(
            _("{path} cannot be loaded as a PKCS#11 library.").format(path=path)
        ) from err


def _find_token(source: KeySource):
    """The token named by ``source.token_label``; without one, the eID card if there is
    one, else the only token there is."""
    from pkcs11 import TokenFlag
    from pkcs11.exceptions import PKCS11Error

    tokens = []
    for slot in _library(source).get_slots(token_present=True):
        with contextlib.suppress(PKCS11Error):
            token = slot.get_token()
            if token.flags & TokenFlag.TOKEN_INITIALIZED:
                tokens.append(token)
    labels = [token.label for token in tokens]
    if not tokens:
        raise SigningError(_("No token is present: insert the card in the reader."))
    wanted = source.token_label
    if wanted is None and BEID_TOKEN in labels:
        wanted = BEID_TOKEN
    if wanted is None:
        if len(tokens) == 1:
            return tokens[0]
        raise SigningError(
            _("Several tokens are present ({labels}); name one with --token-label.").format(
                labels=", ".join(labels)
            )
        )
    for token in tokens:
        if token.label == wanted:
            return token
    raise SigningError(
        _("No token labelled {label} is present (there is: {labels}).").format(
            label=wanted, labels=", ".join(labels)
        )
    )


def _pkcs11_signer(source: KeySource, secret: str | None):
    from pyhanko.sign.pkcs11 import PKCS11Signer

    token = _find_token(source)
    if token.label == BEID_TOKEN and source.key_label in (None, BEID_KEY):
        from pyhanko_beid.beid import BEIDSigner

        session = token.open()  # the middleware asks for the PIN when the card signs
        return session, BEIDSigner(session)
    session = token.open(user_pin=secret) if secret is not None else token.open()
    try:
        key_id, key_label = _signing_key(session, source.key_label)
        signer = PKCS11Signer(
            session,
            key_id=key_id,
            cert_id=key_id,
            key_label=key_label,
            other_certs_to_pull=None,  # every certificate on the token: the chain
            bulk_fetch=True,
        )
        signer.signing_cert  # noqa: B018 (loads key and certificate now: errors surface here)
    except BaseException:
        session.close()
        raise
    return session, signer


def _signing_key(session, wanted: str | None) -> tuple[bytes | None, str | None]:
    """(id, label) of the token's key to sign with: the one named, else the only one,
    else the one labelled like the eID's signature key."""
    from pkcs11 import Attribute, ObjectClass

    keys = []
    for key in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY}):
        if not key[Attribute.SIGN]:
            continue
        keys.append((key[Attribute.ID] or None, key[Attribute.LABEL] or None))
    if wanted is not None:
        chosen = [k for k in keys if k[1] == wanted]
    elif len(keys) > 1:
        chosen = [k for k in keys if k[1] == BEID_KEY]
    else:
        chosen = keys
    if len(chosen) == 1:
        key_id, label = chosen[0]
        return key_id, None if key_id else label
    if not keys:
        raise SigningError(_("The token holds no key that can sign."))
    names = ", ".join(label or "?" for _id, label in keys)
    if wanted is not None:
        raise SigningError(
            _("The token holds no signing key labelled {label} (there is: {labels}).").format(
                label=wanted, labels=names
            )
        )
    raise SigningError(
        _("The token holds several signing keys ({labels}); name one with --key-label.").format(
            labels=names
        )
    )


@contextlib.contextmanager
def _pkcs11_errors(source: KeySource) -> Iterator[None]:
    """PKCS#11 failures as one sentence each."""
    from pkcs11 import exceptions as p11
    from pyhanko.sign.general import SigningError as HankoSigningError

    try:
        yield
    except p11.PinIncorrect as err:
        raise SigningError(_("The PIN is wrong.")) from err
    except p11.PinLocked as err:
        raise SigningError(_("The PIN is blocked: the card must be unblocked first.")) from err
    except (p11.PinLenRange, p11.PinInvalid) as err:
        raise SigningError(_("The PIN has the wrong length or characters.")) from err
    except (p11.TokenNotPresent, p11.DeviceRemoved) as err:
        raise SigningError(_("The card was removed from the reader.")) from err
    except (p11.FunctionCancelled, p11.UserNotLoggedIn) as err:
        raise SigningError(_("Signing was cancelled: the PIN was not given.")) from err
    except (p11.PKCS11Error, HankoSigningError) as err:
        raise SigningError(
            _("{source} cannot sign: {reason}").format(
                source=source.describe(), reason=str(err) or type(err).__name__
            )
        ) from err
