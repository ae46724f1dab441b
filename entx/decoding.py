"""Bytes to text: the encodings French files really come in, and what is not text at all.

French archives mix UTF-8, UTF-8 with a BOM, UTF-16 from Windows tools and Windows-1252;
charset-normalizer decides between the 8-bit encodings instead of a hand-written guess.
Offsets entx reports are into the text exactly as decoded here: no newline translation,
no Unicode normalisation.
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
# Formats that are certainly not text, by their first bytes.
_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a zip archive (docx, odt, xlsx...)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
)


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
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise NotText("binary file (no text encoding fits), skipped")
    encoding = best.encoding
    return data.decode(encoding, errors="replace"), encoding
