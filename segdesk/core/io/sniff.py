"""Detection from a file's first bytes: the real format, the text encoding, the delimiter.

Cyrillic code pages are where general-purpose detectors go wrong (cp1251, koi8-r and cp866 all decode
any byte string), so the encoding is chosen by scoring how plausible the decoded words are.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from statistics import median

from segdesk.core.errors import InputError
from segdesk.core.io.table import WHITESPACE, FileFormat

SAMPLE_BYTES = 256 * 1024

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_SINGLE_BYTE = ("cp1251", "koi8-r", "cp866", "cp1252", "cp1250", "iso8859-2")
# The most frequent Russian letters; text decoded with the wrong Cyrillic code page scores low on them.
_RU_COMMON = set("оеаинтсрвлкмдпуяыь")
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_EXT = {".xlsx": FileFormat.XLSX, ".xlsm": FileFormat.XLSM, ".xls": FileFormat.XLS, ".ods": FileFormat.ODS}


def sniff_format(head: bytes, suffix: str) -> tuple[FileFormat, str | None]:
    """The format a file really has, from its first bytes; plus a note when the name says otherwise."""
    suffix = suffix.lower()
    if head.startswith(_ZIP):
        if b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet" in head[:200]:
            fmt = FileFormat.ODS
        else:
            fmt = FileFormat.XLSM if suffix == ".xlsm" else FileFormat.XLSX
    elif head.startswith(_OLE):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in head:
            raise InputError("password")
        fmt = FileFormat.XLS
    else:
        fmt = FileFormat.CSV
    expected = _EXT.get(suffix, FileFormat.CSV)
    note = None
    if fmt == FileFormat.CSV and expected != FileFormat.CSV:
        note = f"the file is named {suffix} but holds text; it was read as a delimited text file"
    elif fmt != FileFormat.CSV and expected == FileFormat.CSV and suffix in {".csv", ".tsv", ".txt"}:
        note = f"the file is named {suffix} but is a {fmt.value} workbook; it was read as one"
    return fmt, note


def looks_binary(head: bytes) -> bool:
    """True for bytes that are no text table in any supported encoding (images, archives, garbage)."""
    if not head or any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    sample = head[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12, 0))
    nuls = sample.count(0)
    if nuls > len(sample) // 4:
        return True
    if controls > len(sample) // 50:
        return True
    try:
        sample.decode("utf-8")
        return False
    except UnicodeDecodeError as e:
        if e.start >= len(sample) - 4:  # a multi-byte character cut by the sample's end
            return False
    # Not UTF-8: single-byte text is mostly ASCII, or its high bytes form words; random bytes do neither.
    high = sum(1 for b in sample if b >= 0x80)
    if high * 10 < len(sample) * 3:
        return False
    # Any of the code pages may be the right one (cp866 letters are symbols in cp1251).
    return all(_letter_share(sample.decode(enc, errors="replace")) < 0.2 for enc in _SINGLE_BYTE)


def _letter_share(text: str) -> float:
    return sum(len(w) for w in _WORD.findall(text) if len(w) >= 2) / max(len(text), 1)


def detect_encoding(head: bytes) -> str:
    """The Python codec of a text file's bytes (BOMs first, then strict UTF-8, then scored code pages)."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 4 and e.reason.startswith("unexpected end"):
            return "utf-8"
        if _mostly_utf8(head):
            return "utf-8"  # a few stray bytes in a UTF-8 file: mixed encodings, mended line by line
    sample = head[:65536]  # plenty of words to score; scoring all 256 KB four times costs 0.3 s
    scores = {enc: _plausibility(sample.decode(enc, errors="replace")) for enc in _SINGLE_BYTE}
    return max(_SINGLE_BYTE, key=lambda enc: scores[enc])


def _mostly_utf8(data: bytes) -> bool:
    multibyte = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", data))
    bad = len(data.decode("utf-8", errors="replace").split("\ufffd")) - 1
    return multibyte >= 4 and bad * 2 <= multibyte


# Latin-2 (old Croatian, Czech, Polish systems) and cp1250 differ where Croatian writes Š Ž š ž: Latin-2's
# bytes for them read in cp1250 as "©" "®" glued to a word's letters; cp1250's read in Latin-2 as C1 controls.
_C1 = re.compile(r"[\x80-\x9f]")
_GLUED_SIGN = re.compile(r"[©®][^\W\d_]|[^\W\d_][©®]")


def _plausibility(text: str) -> float:
    """How much a decoded sample looks like real words (higher is better)."""
    score = -5.0 * len(_C1.findall(text)) - 3.0 * len(_GLUED_SIGN.findall(text))
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        cyr = len(_CYRILLIC.findall(word))
        lat = len(_LATIN.findall(word))
        good_case = word.islower() or word.isupper() or word.istitle()
        if cyr and lat or not good_case:
            score -= len(word)
        elif cyr:
            score += len(word) + sum(ch in _RU_COMMON for ch in word.lower())
        else:
            score += _latin_word_score(word)
    return score


def _latin_word_score(word: str) -> float:
    accented = sum(not ch.isascii() for ch in word)
    # Western words carry an accent or two; Cyrillic bytes read as cp1252 are all accents.
    score = float(len(word) if accented * 2 <= len(word) else -len(word))
    # cp1250 and cp1252 differ where Croatian writes č ć đ and cp1252 has è æ ð: "Horvatić" read as
    # cp1252 ends in "æ" and "Đurić" starts with "Ð", which no Western word does.
    low = word.lower()
    if "ð" in low or low.endswith("æ"):
        score -= len(word)
    if "đ" in low or low.endswith("ć"):
        score += 2
    return score


_DELIMITERS = (",", ";", "\t", "|")


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the sample's lines into the most consistent number of fields (> 1)."""
    lines = [ln for ln in text.splitlines()[:200] if ln.strip()]
    if not lines:
        return ","
    best, best_score = None, 0.0
    for delim in _DELIMITERS:
        counts = _field_counts(text, delim)
        if not counts:
            continue
        mode, freq = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        score = freq / len(counts) * (1 + min(mode, 20) / 20)
        if score > best_score:
            best, best_score = delim, score
    if best is not None and best_score >= 0.6:
        return best
    ws_counts = [len(ln.split()) for ln in lines]
    if len(ws_counts) >= 2 and median(ws_counts) >= 2:
        return WHITESPACE
    return best or ","


def _field_counts(text: str, delim: str) -> list[int]:
    # The csv module handles quoted delimiters and newlines inside quotes. Line ends are made one kind first:
    # a single stray CR (a line pasted from a Mac export) makes the csv module give up on the whole sample.
    reader = csv.reader(io.StringIO(text[: 64 * 1024], newline=None), delimiter=delim)
    counts = []
    try:
        for i, row in enumerate(reader):
            if i >= 200:
                break
            if any(cell.strip() for cell in row):
                counts.append(len(row))
    except csv.Error:
        return []
    # The last line of a sample may be cut short.
    return counts[:-1] if len(counts) > 2 else counts
