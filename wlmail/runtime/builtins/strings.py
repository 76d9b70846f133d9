"""String functions and the character constants (CR, TAB, LF, EOT).

Positions are 1-based, as everywhere in WLanguage; a search that finds nothing gives 0.
The option constants combine with `+` (`IgnoreCase + WholeWord`), so they are bit flags.
Texts are read with `arguments.text`: numbers, booleans, buffers and Null convert, an
array does not. No function builds a text longer than `arguments.MAX_TEXT` characters.
"""
from __future__ import annotations

import re
from typing import Any

from ...registry import Declarations
from ..context import Context
from ..errors import Err, WLFatal
from ..values import CR, T_STRING, WLArray
from .arguments import check_length, integer, text

# What this module declares; wlmail.runtime.builtins.register adds it to a registry.
DECLARE = Declarations()

DECLARE.constant("CR", "RC", value=CR, doc="carriage return + line feed")
DECLARE.constant("TAB", "TAB", value="\t", doc="tab character")
DECLARE.constant("LF", "LF", value="\n", doc="line feed alone")
# ExtractString's answer past the last piece; a control character no text holds by accident.
EOT = "\x04"
DECLARE.constant("EOT", "EOT", value=EOT, doc="returned by ExtractString past the last piece")

IGNORE_CASE = 1
WHOLE_WORD = 2
FROM_END = 4
DECLARE.constant("FromBeginning", "DepuisDébut", value=0, doc="search from the start (default)")
DECLARE.constant("IgnoreCase", "SansCasse", value=IGNORE_CASE, doc="ignore upper/lower case")
DECLARE.constant("WholeWord", "MotComplet", value=WHOLE_WORD, doc="match whole words only")
DECLARE.constant("FromEnd", "DepuisFin", value=FROM_END, doc="search backwards from the end")

SSC_BEGINNING = 1
SSC_END = 2
SSC_INTERIOR = 4
DECLARE.constant("sscBeginning", "sscDébut", value=SSC_BEGINNING, doc="NoSpace: at the start")
DECLARE.constant("sscEnd", "sscFin", value=SSC_END, doc="NoSpace: at the end")
DECLARE.constant("sscExterior", "sscExtérieur", value=SSC_BEGINNING | SSC_END,
                 doc="NoSpace: at both ends (default)")
DECLARE.constant("sscInterior", "sscIntérieur", value=SSC_INTERIOR,
                 doc="NoSpace: runs of spaces inside the text become one")

_SPACES = " \t\r\n"


def _lower_same_length(s: str) -> str:
    # str.lower() may lengthen a few characters (İ); positions must stay valid.
    if s.isascii():
        return s.lower()
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in s)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _find(s: str, sub: str, options: int, overlapping: bool) -> list[int]:
    """0-based starts of `sub` in `s`, left to right. Position sees every start
    (overlapping); Replace and StringCount consume what they match."""
    if sub == "":
        return []
    hay, needle = (s, sub) if not options & IGNORE_CASE else (
        _lower_same_length(s), _lower_same_length(sub))
    out: list[int] = []
    i = hay.find(needle)
    while i >= 0:
        end = i + len(needle)
        if not options & WHOLE_WORD or (
                (i == 0 or not _is_word_char(s[i - 1]))
                and (end == len(s) or not _is_word_char(s[end]))):
            out.append(i)
            i = hay.find(needle, i + 1 if overlapping else end)
        else:
            i = hay.find(needle, i + 1)
    return out


def _options(fn: str, value: Any) -> int:
    return integer(fn, value, "the options") if value is not None else 0


@DECLARE.function("Length", "Taille", returns="int", example="""
    Trace(Length("Hello"))          // 5
    Trace(Taille("été"))            // 3
""")
def length(rt: Context, value: Any) -> int:
    """Number of characters of a string (bytes of a buffer)."""
    if isinstance(value, bytes):
        return len(value)
    return len(text("Length", value))


@DECLARE.function("Upper", "Majuscule", returns="string", example="""
    Trace(Upper("Hello"))           // HELLO
""")
def upper(rt: Context, s: Any) -> str:
    """The text in upper case."""
    return text("Upper", s).upper()


@DECLARE.function("Lower", "Minuscule", returns="string")
def lower(rt: Context, s: Any) -> str:
    """The text in lower case."""
    return text("Lower", s).lower()


@DECLARE.function("Left", "Gauche", returns="string", example="""
    Trace(Left("WLanguage", 2))     // WL
""")
def left(rt: Context, s: Any, count: Any) -> str:
    """The first `count` characters."""
    t, n = text("Left", s), integer("Left", count, "the count")
    return t[:n] if n > 0 else ""


@DECLARE.function("Right", "Droite", returns="string")
def right(rt: Context, s: Any, count: Any) -> str:
    """The last `count` characters."""
    t, n = text("Right", s), integer("Right", count, "the count")
    return t[-n:] if n > 0 else ""


@DECLARE.function("Middle", "Milieu", returns="string", example="""
    Trace(Middle("WLanguage", 2, 4)) // Lang
""")
def middle(rt: Context, s: Any, start: Any, count: Any = None) -> str:
    """`count` characters from position `start` (1-based); to the end without `count`."""
    t = text("Middle", s)
    i = max(integer("Middle", start, "the start"), 1) - 1
    if count is None:
        return t[i:]
    n = integer("Middle", count, "the count")
    return t[i:i + n] if n > 0 else ""


@DECLARE.function("Position", "Position", returns="int", example="""
    Trace(Position("ann@example.com", "@"))   // 4
""")
def position(rt: Context, s: Any, sub: Any, start: Any = None, options: Any = None) -> int:
    """1-based position of `sub` in `s` from `start`, or 0. Options: IgnoreCase,
    WholeWord, FromEnd (search backwards from `start`, or from the end)."""
    fn = "Position"
    t, needle, opts = text(fn, s), text(fn, sub, "the text to find"), _options(fn, options)
    if opts & FROM_END:
        limit = len(t) if start is None else integer(fn, start, "the start") - 1
        candidates = [i for i in _find(t, needle, opts, True) if i <= limit]
        return candidates[-1] + 1 if candidates else 0
    first = 0 if start is None else max(integer(fn, start, "the start"), 1) - 1
    for i in _find(t, needle, opts, True):
        if i >= first:
            return i + 1
    return 0


@DECLARE.function("Contains", "Contient", returns="boolean")
def contains(rt: Context, s: Any, sub: Any, options: Any = None) -> bool:
    """True when `sub` occurs in `s` (options: IgnoreCase, WholeWord)."""
    t, needle = text("Contains", s), text("Contains", sub, "the text to find")
    opts = _options("Contains", options)
    if needle == "":
        return True
    return bool(_find(t, needle, opts, True))


@DECLARE.function("Replace", "Remplace", returns="string", example="""
    Trace(Replace("a-b-c", "-", "/"))          // a/b/c
""")
def replace(rt: Context, s: Any, search: Any, replacement: Any, options: Any = None) -> str:
    """Every occurrence of `search` replaced (options: IgnoreCase, WholeWord)."""
    fn = "Replace"
    t, needle = text(fn, s), text(fn, search, "the text to find")
    repl, opts = text(fn, replacement, "the replacement"), _options(fn, options)
    if needle == "":
        return t
    if not opts & (IGNORE_CASE | WHOLE_WORD):
        if len(repl) > len(needle):
            check_length(fn, len(t) + t.count(needle) * (len(repl) - len(needle)))
        return t.replace(needle, repl)
    found = _find(t, needle, opts, False)
    check_length(fn, len(t) + len(found) * (len(repl) - len(needle)))
    out, last = [], 0
    for i in found:
        out.append(t[last:i])
        out.append(repl)
        last = i + len(needle)
    out.append(t[last:])
    return "".join(out)


@DECLARE.function(("StringCount", "CountString"), "ChaîneOccurrence", returns="int")
def string_count(rt: Context, s: Any, search: Any, options: Any = None) -> int:
    """How many times `search` occurs in `s`, without overlaps (options: IgnoreCase, WholeWord)."""
    fn = "StringCount"
    return len(_find(text(fn, s), text(fn, search, "the text to find"), _options(fn, options),
                     False))


@DECLARE.function("NoSpace", "SansEspace", returns="string")
def no_space(rt: Context, s: Any, options: Any = None, characters: Any = None) -> str:
    """Spaces, tabs, CR and LF removed at both ends (options: sscBeginning, sscEnd,
    sscExterior, sscInterior; `characters` replaces the set of characters removed)."""
    t = text("NoSpace", s)
    opts = SSC_BEGINNING | SSC_END if options is None else _options("NoSpace", options)
    chars = _SPACES if characters is None else text("NoSpace", characters, "the characters")
    if opts & SSC_BEGINNING:
        t = t.lstrip(chars)
    if opts & SSC_END:
        t = t.rstrip(chars)
    if opts & SSC_INTERIOR and chars:
        t = re.sub("[" + re.escape(chars) + "]{2,}", lambda m: m.group(0)[0], t)
    return t


@DECLARE.function("Complete", "Complète", returns="string")
def complete(rt: Context, s: Any, size: Any, char: Any = " ") -> str:
    """The text padded on the right with `char` (a space by default), or cut, to `size`
    characters (at most 100,000,000)."""
    t, n = text("Complete", s), integer("Complete", size, "the size")
    fill = text("Complete", char, "the filler")
    if n <= 0:
        return ""
    if len(t) >= n:
        return t[:n]
    check_length("Complete", n)
    if fill == "":
        fill = " "
    missing = n - len(t)
    return t + (fill * (missing // len(fill) + 1))[:missing]


@DECLARE.function("Repeat", "Répète", returns="string")
def repeat(rt: Context, s: Any, count: Any) -> str:
    """The text repeated `count` times (the result has at most 100,000,000 characters)."""
    t, n = text("Repeat", s), integer("Repeat", count, "the count")
    if n <= 0 or t == "":
        return ""
    check_length("Repeat", len(t) * n)
    return t * n


@DECLARE.function("ExtractString", "ExtraitChaîne", returns="string", example="""
    Trace(ExtractString("ann;bob;cid", 2, ";"))  // bob
""")
def extract_string(rt: Context, s: Any, rank: Any, separator: Any = "\t",
                   direction: Any = None) -> str:
    """The `rank`-th piece (1-based) of `s` cut at `separator` (TAB by default); EOT past
    the last piece. With FromEnd, ranks count from the end."""
    fn = "ExtractString"
    n = integer(fn, rank, "the rank")
    if n < 1:
        raise WLFatal(f"ExtractString: the rank must be 1 or more (got {n})", Err.ARGUMENT_TYPE)
    sep = text(fn, separator, "the separator")
    t = text(fn, s)
    pieces = t.split(sep) if sep else [t]
    if _options(fn, direction) & FROM_END:
        pieces.reverse()
    return pieces[n - 1] if n <= len(pieces) else EOT


_PLACEHOLDER = re.compile(r"%(%|\d+)")


@DECLARE.function("StringBuild", "ChaîneConstruit", returns="string")
def string_build(rt: Context, fmt: Any, *params: Any) -> str:
    """`fmt` with %1, %2... replaced by the parameters (%% is a percent sign); the
    result has at most 100,000,000 characters."""
    fn = "StringBuild"
    template = text(fn, fmt, "the format")
    values = [text(fn, p, f"parameter {i}") for i, p in enumerate(params, 1)]
    built = len(template)

    def sub(m: re.Match) -> str:
        nonlocal built
        tok = m.group(1)
        if tok == "%":
            return "%"
        # No call has a billion parameters, and int() refuses thousands of digits.
        i = int(tok) if len(tok) <= 9 else 0
        if 1 <= i <= len(values):
            built += len(values[i - 1])
            check_length(fn, built)
            return values[i - 1]
        shown = tok if len(tok) <= 12 else tok[:9] + "..."
        raise WLFatal(f"StringBuild: %{shown} has no parameter ({len(values)} given)",
                      Err.ARGUMENT_COUNT)

    return _PLACEHOLDER.sub(sub, template)


@DECLARE.function("StringStartsWith", "ChaîneCommencePar", returns="boolean")
def string_starts_with(rt: Context, s: Any, prefix: Any, options: Any = None) -> bool:
    """True when `s` starts with `prefix` (option: IgnoreCase)."""
    fn = "StringStartsWith"
    t, p = text(fn, s), text(fn, prefix, "the prefix")
    if _options(fn, options) & IGNORE_CASE:
        t, p = _lower_same_length(t), _lower_same_length(p)
    return t.startswith(p)


@DECLARE.function("StringEndsWith", "ChaîneFinitPar", returns="boolean")
def string_ends_with(rt: Context, s: Any, suffix: Any, options: Any = None) -> bool:
    """True when `s` ends with `suffix` (option: IgnoreCase)."""
    fn = "StringEndsWith"
    t, p = text(fn, s), text(fn, suffix, "the suffix")
    if _options(fn, options) & IGNORE_CASE:
        t, p = _lower_same_length(t), _lower_same_length(p)
    return t.endswith(p)


@DECLARE.function("StringToArray", "ChaîneVersTableau", returns="array of string", example="""
    names is array of strings = StringToArray("ann,bob", ",")
    Trace(names.Count)                          // 2
""")
def string_to_array(rt: Context, s: Any, target: Any = None, separator: Any = None) -> Any:
    """Cut `s` at `separator` (CR by default). With an array as second argument, that
    array is emptied and filled; otherwise (`StringToArray(s [, separator])`) a new
    array of strings is returned."""
    fn = "StringToArray"
    if isinstance(target, WLArray):
        sep = CR if separator is None else text(fn, separator, "the separator")
    else:
        if separator is not None:
            raise WLFatal("StringToArray: the second argument must be an array",
                          Err.ARGUMENT_TYPE)
        sep = CR if target is None else text(fn, target, "the separator")
    t = text(fn, s)
    pieces = [] if t == "" else (t.split(sep) if sep else [t])
    if isinstance(target, WLArray):
        if target.fixed:
            raise WLFatal("StringToArray: the array has a fixed size", Err.ARGUMENT_TYPE)
        target.delete_all()
        for p in pieces:
            target.add(p)
        return None
    return WLArray(T_STRING, pieces)


@DECLARE.function(("Charact", "Char"), "Caract", returns="string")
def charact(rt: Context, code: Any) -> str:
    """The character with this Unicode code."""
    n = integer("Charact", code, "the code")
    if not 0 <= n <= 0x10FFFF:
        raise WLFatal(f"Charact: {n} is not a character code", Err.ARGUMENT_TYPE)
    return chr(n)


@DECLARE.function("Asc", "Asc", returns="int")
def asc(rt: Context, s: Any) -> int:
    """The Unicode code of the first character (0 for an empty string)."""
    t = text("Asc", s)
    return ord(t[0]) if t else 0
