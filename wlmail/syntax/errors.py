"""Syntax errors in words a WINDEV developer reads: which token, what was expected, and
for a block that is not closed, which `IF` (or `FOR`, `SWITCH`...) has no `END` — Lark
alone reports a missing END far away, at the next PROCEDURE or at the end of the file."""
from __future__ import annotations

import re

from .lalr import UnexpectedCharacters, UnexpectedInput
from .source import ML_OPEN, ParseError

SHOWN = {
    "_NL": "end of line", "$END": "end of file", "EQ": "`=`", "NE": "`<>`", "LT": "`<`",
    "GT": "`>`", "LE": "`<=`", "GE": "`>=`", "SIMILAR": "`~=`", "PLUS": "`+`", "MINUS": "`-`",
    "STAR": "`*`", "SLASH": "`/`", "_LPAR": "`(`", "_RPAR": "`)`", "LSQB": "`[`",
    "_RSQB": "`]`", "_COMMA": "`,`", "_COLON": "`:`", "_SEMI": "`;`", "DOT": "`.`",
    "DOTDOT": "`..`", "NAME": "a name", "NUMBER": "a number", "STRING": "a string",
    "BSTRING": "a string", "MLSTRING": "a string", "PLUS_EQ": "`+=`", "MINUS_EQ": "`-=`",
    "INC": "`++`", "DEC": "`--`", "IS": "`is`", "THEN": "`THEN`", "END": "`END`",
    "TO": "`TO`", "OF": "`OF`", "DO": "`DO`",
}

# Block openers, found line by line; `IF ... THEN stmt` on one line opens nothing.
_OPENERS = [
    ("IF", re.compile(r"^\s*(if|si)\b", re.I)),
    ("SWITCH", re.compile(r"^\s*(switch|selon)\b", re.I)),
    ("FOR", re.compile(r"^\s*(for|pour)\b", re.I)),
    ("WHILE", re.compile(r"^\s*(while|tantque)\b", re.I)),
    ("LOOP", re.compile(r"^\s*(loop|boucle)\b", re.I)),
    ("WHEN EXCEPTION IN", re.compile(r"^\s*(when\s+exception\s+in|quand\s+exception\s+dans)\b", re.I)),
    ("INTERNAL PROCEDURE", re.compile(r"^\s*(internal\s+procedure|procedure\s+interne)\b", re.I)),
    # classes and structures: `cAccount is Class`, `STMail est une Structure`
    ("CLASS", re.compile(r"^\s*\w+\s+(is|est)(\s+(a|an|un|une))?\s+class(e)?\s*$", re.I)),
    ("STRUCTURE", re.compile(r"^\s*\w+\s+(is|est)(\s+(a|an|un|une))?\s+structure\s*$", re.I)),
    ("ENUMERATION", re.compile(r"^\s*\w+\s+(is|est)(\s+une?)?\s+"
                               r"([eé]num[eé]ration|combination|combinaison)\s*$", re.I)),
]
_END = re.compile(r"^\s*(end|fin)\b", re.I)
# Conditional compilation (branch smallforms): <COMPILE IF ...> ... <END>.
_OPENERS.append(("<COMPILE IF>", re.compile(
    r"^\s*(<\s*(compile\s+(if|si)|(if|si)\s+(executiontarget|cibleexecution)))\b", re.I)))
_COMPILE_END = re.compile(r"^\s*<\s*(end|fin)\s*>", re.I)
_PROCEDURE = re.compile(r"^\s*(procedure|property|propriete)\b", re.I)
# A lambda whose `{` ends its line (`(a, b) => {`, `PROCEDURE(x) {`), closed by a `}` that
# starts a line (docs/language.md, "Lambdas").
_LAMBDA_OPEN = re.compile(r"(=>|\))[ \t]*(:[ \t]*[\w \t]+)?(\{)[ \t]*$")
_LAMBDA_CLOSE = re.compile(r"^\s*\}")
_ONE_LINE_IF = re.compile(r"\b(then|alors)\b\s*(?!//)\S", re.I)


def _code_only(line: str) -> str:
    out, in_str = [], False
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == '"':
            in_str = not in_str
            out.append(" ")
        elif not in_str and line.startswith("//", i):
            break
        else:
            out.append(" " if in_str else ch)
        i += 1
    return "".join(out)


def unbalanced_block(folded: str, upto_line: int) -> tuple[str, int, int] | None:
    """The innermost block still open at `upto_line` (kind, line, column), or, when an
    END closes nothing before it, ("END", line, column)."""
    stack: list[tuple[str, int, int]] = []
    lines = folded.split("\n")
    in_ml = False
    for n, raw in enumerate(lines[:upto_line - 1], 1):
        if ML_OPEN in raw:
            in_ml = True
        if in_ml:
            if "\ue001" in raw:
                in_ml = False
            continue
        code = _code_only(raw)
        if _PROCEDURE.match(code) and not _OPENERS[6][1].match(code):
            if stack:
                return stack[-1]
            stack = []
            continue
        if _LAMBDA_CLOSE.match(code) and stack and stack[-1][0] == "lambda":
            stack.pop()
            code = code.replace("}", " ", 1)
        lam = _LAMBDA_OPEN.search(code)
        if lam:
            stack.append(("lambda", n, lam.start(3) + 1))
            continue
        if _END.match(code) or _COMPILE_END.match(code):
            if not stack:
                return ("END", n, code.index(code.strip()[0]) + 1)
            stack.pop()
            continue
        for kind, rx in _OPENERS:
            m = rx.match(code)
            if m:
                if kind == "IF" and _ONE_LINE_IF.search(code):
                    break
                stack.append((kind, n, m.start(1) + 1))
                break
    return stack[-1] if stack else None


def explain(e: UnexpectedInput, orig: str, folded: str, file: str) -> ParseError:
    line = getattr(e, "line", 1) or 1
    column = getattr(e, "column", 1) or 1
    if isinstance(e, UnexpectedCharacters):
        ch = orig[e.pos_in_stream] if e.pos_in_stream < len(orig) else "?"
        if orig.startswith("/*", e.pos_in_stream):
            return ParseError(file, line, column, "this comment has no closing `*/`")
        if ch == '"':
            return ParseError(file, line, column, "this string has no closing quote",
                              hint='a quote inside a string is written twice: "say ""hi"""')
        return ParseError(file, line, column, f"unexpected character `{ch}`")
    tok = getattr(e, "token", None)
    ttype = getattr(tok, "type", "$END").split("__", 1)[0]
    expected = {x.split("__", 1)[0] for x in (getattr(e, "expected", set()) or set())}
    if ttype == "$END" or ttype in ("PROCEDURE", "PROPERTY"):
        open_block = unbalanced_block(folded, line if ttype != "$END" else 10 ** 9)
        if open_block and open_block[0] != "END":
            kind, bl, bc = open_block
            where = f"before this {ttype}" if ttype != "$END" else "before the end of the file"
            end = "<END>" if kind.startswith("<") else "END"   # <COMPILE IF>: <END>
            if kind == "lambda":
                return ParseError(file, bl, bc, f"this lambda's `{{` has no `}}` ({where})",
                                  hint=f"add `}}` to close the lambda opened on line {bl}")
            return ParseError(file, bl, bc, f"this {kind} has no {end} ({where})",
                              hint=f"add {end} to close the {kind} opened on line {bl}")
    if ttype == "_NL" and expected == {"_COLON"}:
        # `END` alone where only the label `END:` could be: an END that closes nothing.
        source_line = folded.splitlines()[line - 1] if line <= len(folded.splitlines()) else ""
        if re.match(r"[ \t]*(end|fin)[ \t]*(//.*)?$", source_line, re.I):
            return ParseError(file, line, source_line.index(source_line.strip()) + 1,
                              "this END closes nothing",
                              hint="remove it, or check the block opened above")
    if ttype == "END":
        block = unbalanced_block(folded, line + 1)
        if block and block[0] == "END" or "END" not in expected:
            return ParseError(file, line, column, "this END closes nothing",
                              hint="remove it, or check the block opened above")
    text = orig[tok.start_pos:tok.end_pos] if tok is not None and hasattr(tok, "start_pos") \
        and tok.start_pos is not None else ""
    if tok is not None and getattr(tok, "start_pos", None) is not None and \
            orig.startswith("/*", tok.start_pos):
        return ParseError(file, line, column, "this comment has no closing `*/`")
    if ttype == "_NL":
        what = "end of line"
    elif ttype == "$END":
        what = "end of file"
    else:
        what = f"`{text.strip()}`" if text.strip() else SHOWN.get(ttype, ttype)
    wanted = [SHOWN.get(x, f"`{x}`") for x in sorted(expected) if x in SHOWN]
    hint = None
    if "THEN" in expected and len(expected) < 12:
        hint = "an IF condition ends with THEN"
    elif wanted and len(wanted) <= 4:
        hint = "expected " + " or ".join(dict.fromkeys(wanted))
    length = max(1, len(text.strip()) if text else 1)
    return ParseError(file, line, column, f"unexpected {what}", hint=hint, length=length)
