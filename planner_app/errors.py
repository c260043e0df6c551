"""Errors a user may meet. Each carries one clear sentence for the user.

Storage, services and the CLI raise only these for anything a user can cause; the CLI
prints ``str(error)`` and exits non-zero, the UI shows it in a dialog. A traceback is a
bug.
"""

from __future__ import annotations


class PlannerError(Exception):
    """Base of every user-facing error; ``str(err)`` is the message."""

    exit_code = 1


# --- storage -------------------------------------------------------------------------


class PlanFileError(PlannerError):
    """The plan file cannot be used as asked; the file is left untouched."""

    exit_code = 2


class FileMissingError(PlanFileError):
    pass


class NotAPlanFileError(PlanFileError):
    pass


class CorruptFileError(PlanFileError):
    pass


class ReadOnlyFileError(PlanFileError):
    pass


class DiskFullError(PlanFileError):
    pass


class NewerFileError(PlanFileError):
    pass


class FileLockedError(PlanFileError):
    def __init__(self, message: str, owner: dict[str, str]) -> None:
        super().__init__(message)
        self.owner = owner


# --- services ------------------------------------------------------------------------


class ValidationError(PlannerError):
    """Bad input: names the field and the reason. Nothing was changed."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class NotFoundError(PlannerError):
    pass


class PlanFrozenError(PlannerError):
    """A write to a plan that is final or signed."""


class PlanChoiceError(PlannerError):
    """``--plan`` is missing or unknown where the file holds several plans."""


# --- documents (exports and the PDFs they make) -------------------------------------


class ExportError(PlannerError):
    """An export could not write its file where asked; nothing was left behind."""


class DocumentError(PlannerError):
    """A document given to a command (a PDF to check) is unreadable, not ours, or does
    not match the plan."""


# --- exchange (packages between headquarters and posts) -------------------------------


class ExchangeError(PlannerError):
    """A package cannot be written, read or applied; nothing was changed."""

    exit_code = 3


class NotAPackageError(ExchangeError):
    pass


class NewerPackageError(ExchangeError):
    pass


class UnsafePackageError(ExchangeError):
    """A member name, type or size that could harm the reader (zip slip, zip bomb)."""


class TamperedPackageError(ExchangeError):
    """Bad signature, or a member that differs from the signed manifest."""


class WrongRecipientError(ExchangeError):
    pass


class UnknownKeyError(ExchangeError):
    """Signed by a key this file has not enrolled; carries the fingerprint to accept."""

    def __init__(self, message: str, fingerprint: str) -> None:
        super().__init__(message)
        self.fingerprint = fingerprint


class SequenceGapError(ExchangeError):
    pass


# --- signing (qualified electronic signatures on the final PDF) -----------------------


class SigningError(PlannerError):
    """A PDF could not be signed as asked (wrong PIN or passphrase, no token, no free
    signature field...); the PDF given is unchanged and nothing was written."""


class KeyFileError(SigningError):
    """The key file or PKCS#11 library named cannot be read."""

    exit_code = 2
