"""Bytes to text: the encodings French files really come in, and what is not text at all.

French archives mix UTF-8, UTF-8 with a BOM, UTF-16 from Windows tools and Windows-1252.
The usual French 8-bit encodings are checked first, by how French the text they give
reads; charset-normalizer decides for everything else (Cyrillic, Greek...). Offsets
entx reports are into the text exactly as decoded here: no newline translation, no
Unicode normalisation.
"""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Formats that are certainly not text, by their first bytes. Magic numbers made of
# letters are matched in full, so that a text starting with "BZh" or "GIF8" stays text.
_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a zip archive (docx, odt, xlsx...)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    *((b"BZh%d1AY&SY" % level, "a bzip2 archive") for level in range(1, 10)),
    (b"\xfd7zXZ", "an xz archive"),
)
# The 8-bit encodings French text was written in, most common first: Windows (a superset
# of Latin-1 for printable characters), Latin-9 (adds œ and €), old Macs, DOS.
_FRENCH_8BIT = ("cp1252", "iso8859_15", "mac_roman", "cp850")
_FRENCH_LETTERS = frozenset("àâäæçéèêëîïôöœùûüÿÀÂÄÆÇÉÈÊËÎÏÔÖŒÙÛÜŸ")
_FRENCH_SIGNS = frozenset("’‘“”«»–—…€°§£\u00a0\u202f·")
_CONTROL_BYTES = (*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F)


class NotText(ValueError):
    """Input that is not text in any encoding: skipped, never fed to the model."""


def decode(data: bytes) -> tuple[str, str]:
    """Return the text and the name of the encoding it was read in."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise NotText(f"binary file ({what}), skipped")
    if b"\x00" in data[:65536]:
        raise NotText("binary file (NUL bytes), skipped")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    french = _french_8bit(data)
    if french is not None:
        return french
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise NotText("binary file (no text encoding fits), skipped")
    encoding = best.encoding
    return data.decode(encoding, errors="replace"), encoding


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few bad bytes (a truncated last character, two files pasted together).

    Guessing an 8-bit encoding for such a file turns every ``é`` into ``Ã©``; replacing
    the bad bytes with U+FFFD keeps the rest of the text right. A file counts as UTF-8
    when it has at least twice as many valid multi-byte characters as bad sequences: in
    a real Windows-1252 file every accent is a bad sequence and valid ones (an ``É``
    right before a ``»``) are rare accidents.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # U+FFFD already in the file
    multibyte = len(text) - len(text.encode("ascii", errors="ignore")) - text.count("\ufffd")
    if bad <= 0 or multibyte < 2 * bad:
        return None
    return text, f"utf-8 ({bad} invalid byte sequence{'s' if bad > 1 else ''} replaced by U+FFFD)"


def _french_8bit(data: bytes) -> tuple[str, str] | None:
    """The 8-bit encoding under which the file reads as French, if one does.

    charset-normalizer ranks Windows-1250 (Central European) first for typical French
    Windows files, which turns ``à`` into ``ŕ`` and ``œ`` into ``ś``. Here each usual French
    encoding is tried, and one wins only if nearly all its non-ASCII characters are
    French letters and signs (Cyrillic read as Windows-1252 gives ``Ïðèâåò``: half of them
    are not); among those, the one giving the most French letters, then signs, wins, ties
    going to the most common encoding. Anything else is left to charset-normalizer.
    The encodings map one byte to one character, so counting bytes once is enough (a
    20 MB file is scored in a fraction of a second).
    """
    import numpy

    counts = numpy.bincount(numpy.frombuffer(data, dtype=numpy.uint8), minlength=256).tolist()
    controls = sum(counts[byte] for byte in _CONTROL_BYTES)
    present = [byte for byte in range(0x80, 0x100) if counts[byte]]
    best, best_score = None, None
    for encoding in _FRENCH_8BIT:
        letters = signs = others = 0
        try:
            for byte in present:
                char = bytes([byte]).decode(encoding)
                if char in _FRENCH_LETTERS:
                    letters += counts[byte]
                elif char in _FRENCH_SIGNS:
                    signs += counts[byte]
                else:
                    others += counts[byte]
        except UnicodeDecodeError:
            continue
        others += controls
        if letters + signs == 0 or others * 5 > letters + signs:
            continue
        score = (letters, signs)
        if best_score is None or score > best_score:
            best, best_score = encoding, score
    return None if best is None else (data.decode(best), best)
