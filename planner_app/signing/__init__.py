"""Qualified electronic signatures on the final plan document (PAdES, with pyHanko).

The final PDF carries an empty signature field in each signatory's block
(``exporting.pdf_fields``). Each signatory signs their own field with a key from a
PKCS#12 file or a PKCS#11 token (the Belgian eID card through its middleware), one after
the other; each signature is an ETSI.CAdES.detached signature added as an incremental
update, so the earlier ones stay valid (``sign``). ``check`` says of each signature in a
PDF who signed, when, whether it is intact and valid against trust roots kept on disk
(``trust``), and whether it covers the whole document. No Qt here; nothing here needs a
network unless a timestamp server is given.
"""

from __future__ import annotations

import logging
import warnings

# pyHanko imports cryptography's DSA classes, which warn on import: not ours to fix, and
# a warning on stderr would break the CLI's one-sentence errors.
warnings.filterwarnings("ignore", message="DSA is deprecated", module="pyhanko")

# pyHanko logs each failed path search with a traceback; our reports say it in words.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False
