"""File names made from names players type, in any script, without collisions.

A player names a save "9B week1 Chloé" or "第三課"; the display name is kept
as typed (inside the file), and the file name is derived from it: the Latin
letters and digits it has, folded to ASCII, then a short hash of the whole
name. Two different names therefore never share a file ("...Chloé" and
"...Chlo" differ in their hash), a name with no Latin letters still gets a
file of its own, and the same name always gives the same file, so saving
under it again is an overwrite the game can ask about.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

STEM_CHARS = 40  # of readable text; the hash adds 9 more


def file_stem(name: str) -> str:
    """A safe, portable file name (without extension) for a display name.

    Lower-case ASCII letters, digits and single hyphens only, so it is valid on
    every file system, never a reserved name (CON, NUL...) and never hidden.
    """
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    readable = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:STEM_CHARS].strip("-")
    tag = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{readable or 'save'}-{tag}"
