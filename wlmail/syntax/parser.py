"""Parsing: the LALR parser (contextual lexer) Lark makes of wlmail/grammar/wlanguage.lark,
run by lalr.py from the tables generated from Lark's analysis (tables.py ->
tables_generated.py), with callbacks that build our AST as the parser reduces (no parse
tree, no recursion, so a 10,000-term expression cannot overflow the stack)."""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import ast, compilation, literals
from .lalr import Parser, Token, UnexpectedInput, load
from .source import ParseError, fold_for_lexer, mark_multiline_strings
from .tables_generated import TABLES_JSON


def _kind(tok: Token) -> str:
    """The keyword a token stands for, whatever its spelling (IF__2 is `si`: IF)."""
    return tok.type.split("__", 1)[0]


# Where a literal's value comes from, for the parse cache (cache.py), which stores that
# rather than the value: ("string", token type, start, end), ("number", start, end,
# negated), ("interpolated", token type, start, end), or ("made", value) for a value the
# builder made itself (the 1 of `i++`).  Offsets are in the text with its final newline.
Origin = tuple[Any, ...]


class _Builder:
    """Rule callbacks -> AST nodes (a method per rule or alias of the grammar).  `orig` is
    the original text (names and strings are read from it by position, since the parser
    saw an accent-folded copy)."""

    def __init__(self) -> None:
        self.orig = ""
        self.file = ""
        self.interpolate = False
        # The configuration `<COMPILE IF>` decides on (syntax/compilation.py).
        self.configuration = compilation.DEFAULT
        # Parses the expression inside [% %] (set for each script: it knows the file).
        self.sub_parse: Callable[[str, Token], ast.Node] | None = None
        # id(literal node) -> (node, Origin); the node is kept so that its id is not reused.
        self.origins: dict[int, tuple[ast.Node, Origin]] = {}

    def _literal(self, node: ast.Node, origin: Origin) -> ast.Node:
        self.origins[id(node)] = (node, origin)
        return node

    # helpers
    def _text(self, tok: Token) -> str:
        return self.orig[tok.start_pos:tok.end_pos]

    def _pos(self, item: Any) -> tuple[int, int, str]:
        if isinstance(item, Token):
            return item.line, item.column, self.file
        return item.line, item.column, item.file

    # ---- program
    def start(self, items):
        body = [s for s in items if not isinstance(s, (ast.Procedure, ast.ProcLabel))]
        procs = [s for s in items if isinstance(s, ast.Procedure)]
        labels = [s for s in items if isinstance(s, ast.ProcLabel)]
        return ast.Program(1, 1, self.file, body, procs, self.orig, labels)

    def expr_start(self, items):
        return items[0]

    def exprs_start(self, items):
        return items

    # ---- simple statements
    def assign(self, items):
        target, _, value = items
        self._check_target(target)
        return ast.Assign(*self._pos(target), target, value)

    def assign_ref(self, items):
        target, _, value = items
        self._check_target(target)
        return ast.AssignRef(*self._pos(target), target, value)

    def assign_copy(self, items):
        target, _, value = items
        self._check_target(target)
        return ast.AssignCopy(*self._pos(target), target, value)

    def op_assign(self, items):
        target, op, value = items
        self._check_target(target)
        return ast.OpAssign(*self._pos(target), target, op.value[0], value)

    def incdec(self, items):
        target, op = items
        self._check_target(target)
        one = self._literal(ast.Literal(*self._pos(op), 1), ("made", 1))
        return ast.OpAssign(*self._pos(target), target, "+" if op.value == "++" else "-", one)

    def _check_target(self, target) -> None:
        if isinstance(target, ast.Tuple):       # (a, b) = f(): each one is a target
            for item in target.items:
                self._check_target(item)
            return
        if not isinstance(target, (ast.Var, ast.Member, ast.Index, ast.Indirection,
                                   ast.ClassMember)):
            line, col, _ = self._pos(target)
            raise ParseError(self.file, line, col, "this cannot be assigned to")

    def expr_stmt(self, items):
        e = items[0]
        if not isinstance(e, (ast.Call, ast.Var, ast.Member)):
            line, col, _ = self._pos(e)
            raise ParseError(self.file, line, col,
                             "this expression does nothing on its own",
                             hint="a statement is an assignment, a declaration or a call")
        return ast.ExprStmt(*self._pos(e), e)

    def _attributes(self, items) -> list[str]:
        return [" ".join(self._text(t).split()) for t in items
                if isinstance(t, Token) and t.type == "ATTRIBUTE"]

    def declaration(self, items):
        attributes = self._attributes(items)
        items = [it for it in items if not (isinstance(it, Token) and it.type == "ATTRIBUTE")]
        names = []
        type_spec, init = None, None
        i = 0
        while isinstance(items[i], Token) and items[i].type == "NAME":
            names.append((self._text(items[i]), items[i].line, items[i].column))
            i += 1
        i += 1  # IS
        type_spec = items[i]
        ctor_args = None
        if len(items) > i + 1 and isinstance(items[i + 1], tuple) and items[i + 1][0] == "ctor":
            ctor_args = items[i + 1][1]          # `o is cMail(a, b)`
            i += 1
        by_ref = False
        if len(items) > i + 1:
            by_ref = isinstance(items[i + 1], Token) and items[i + 1].type == "ASSIGN_REF"
            init = items[i + 2]
        first = items[0]
        return ast.Declare(first.line, first.column, self.file, names, type_spec, init,
                           attributes, ctor_args, by_ref)

    def next_line_string(self, items):
        return self.string(items)

    def local_decl(self, items):
        # As a declaration; `is` may be left out after LOCAL.
        rest = list(items[1:])
        i = 0
        while i < len(rest) and isinstance(rest[i], Token) and rest[i].type == "NAME":
            i += 1
        if not (isinstance(rest[i], Token) and rest[i].type == "IS"):
            rest.insert(i, None)             # stands for IS: `declaration` skips it
        return self.declaration(rest)

    def let_decl(self, items):
        kw, name, _, value = items
        return ast.Declare(kw.line, kw.column, self.file,
                           [(self._text(name), name.line, name.column)], None, value)

    def break_stmt(self, items):
        return ast.Break(*self._pos(items[0]))

    def continue_stmt(self, items):
        return ast.Continue(*self._pos(items[0]))

    def return_stmt(self, items):
        return ast.Return(*self._pos(items[0]), items[1] if len(items) > 1 else None)

    def result_stmt(self, items):
        return ast.Result(*self._pos(items[0]), items[1])

    def extern_stmt(self, items):
        return ast.Extern(*self._pos(items[0]), literals.unquote(self._text(items[1])))

    def section(self, items):
        return ast.Nop(*self._pos(items[0]))

    def constant_def(self, items):
        name, _, value = items
        return ast.ConstantDef(name.line, name.column, self.file, self._text(name), value)

    def constant_line(self, items):
        return ast.Constant(*self._pos(items[0]), [items[1]])

    def constant_block(self, items):
        defs = []
        for it in items:
            if isinstance(it, ast.ConstantDef):
                defs.append(it)
            elif isinstance(it, tuple) and it[0] == "constants":   # <COMPILE IF> inside
                defs.extend(it[1])
        return ast.Constant(*self._pos(items[0]), defs)

    def enum_block(self, items):
        name = items[0]
        members = [it for it in items if isinstance(it, ast.EnumMember)]
        kind = "combination" if any(isinstance(it, Token) and it.type.startswith("COMBINATION")
                                    for it in items) else "enumeration"
        return ast.Enumeration(name.line, name.column, self.file, self._text(name), members,
                               kind)

    def enum_member(self, items):
        attributes = self._attributes(items)
        rest = [it for it in items if not (isinstance(it, Token) and it.type == "ATTRIBUTE")]
        name = rest[0]
        value = rest[2] if len(rest) > 2 else None
        return ast.EnumMember(name.line, name.column, self.file, self._text(name), value,
                              attributes)

    def array_type(self, items):
        kw = items[0]
        size = None
        for tok in items[1:-1]:
            if isinstance(tok, Token) and tok.type == "NUMBER":
                size = literals.number(tok.value)
                if not isinstance(size, int) or size < 1:
                    raise ParseError(self.file, tok.line, tok.column,
                                     "an array size must be a positive whole number")
        return ast.TypeSpec(kw.line, kw.column, self.file, "", True, size, items[-1])

    def named_type(self, items):
        # The words as written, spaces collapsed: `4-byte int`, `entier sur 8 octets`.
        name = " ".join(self.orig[items[0].start_pos:items[-1].end_pos].split())
        return ast.TypeSpec(items[0].line, items[0].column, self.file, name)

    # ---- collections (issue 9): associative arrays, dynamic arrays, stacks, queues
    def assoc_type(self, items):
        options = next((it for it in items if isinstance(it, list)), [])
        return ast.TypeSpec(items[0].line, items[0].column, self.file, "", False, None,
                            items[-1], "assoc", options)

    def coll_options(self, items):
        return list(items[0]) if items else []

    def dynamic_array_type(self, items):
        kw = items[0]
        elem = items[-1] if isinstance(items[-1], ast.TypeSpec) else None
        size = None
        for tok in items[1:]:
            if isinstance(tok, Token) and tok.type == "NUMBER":
                size = literals.number(tok.value)
                if not isinstance(size, int) or size < 1:
                    raise ParseError(self.file, tok.line, tok.column,
                                     "an array size must be a positive whole number")
        # A dynamic array grows like any array wlmail has; its size is the one it is
        # allocated with (docs/language.md).
        return ast.TypeSpec(kw.line, kw.column, self.file, "", True, size, elem, "dynamic")

    def stack_type(self, items):
        return ast.TypeSpec(items[0].line, items[0].column, self.file, "", False, None,
                            items[-1], "stack")

    def queue_type(self, items):
        return ast.TypeSpec(items[0].line, items[0].column, self.file, "", False, None,
                            items[-1], "queue")

    def new_elem(self, items):
        return ast.TypeSpec(items[0].line, items[0].column, self.file, self._text(items[0]))

    def new_array(self, items):
        kw = items[0]
        elem = items[-1]
        size = None
        for tok in items[1:-1]:
            if isinstance(tok, Token) and tok.type == "NUMBER":
                size = literals.number(tok.value)
                if not isinstance(size, int) or size < 0:
                    raise ParseError(self.file, tok.line, tok.column,
                                     "an array size must be a whole number")
        spec = ast.TypeSpec(kw.line, kw.column, self.file, "", True, size or None, elem,
                            "dynamic")
        return ast.NewArray(kw.line, kw.column, self.file, spec)

    def list_type(self, items):
        return ast.TypeSpec(items[0].line, items[0].column, self.file, "", False, None,
                            items[-1], "list")

    # ---- blocks
    @staticmethod
    def _split_body(items, start):
        """Statements from `start` until the next clause or keyword token."""
        out = []
        i = start
        while i < len(items) and not isinstance(items[i], (Token, tuple)):
            out.append(items[i])
            i += 1
        return out, i

    def if_block(self, items):
        kw = items[0]
        cond = items[1]
        i = 2
        if isinstance(items[i], Token) and _kind(items[i]) == "THEN":
            i += 1
        body, i = self._split_body(items, i)
        branches = [(cond, body)]
        otherwise = None
        for it in items[i:]:
            if isinstance(it, tuple) and it[0] == "elseif":
                branches.append((it[1], it[2]))
            elif isinstance(it, tuple) and it[0] == "else":
                otherwise = it[1]
        return ast.If(kw.line, kw.column, self.file, branches, otherwise)

    def elseif_clause(self, items):
        i = 2
        if len(items) > 2 and isinstance(items[2], Token) and _kind(items[2]) == "THEN":
            i = 3
        return ("elseif", items[1], list(items[i:]))

    def else_clause(self, items):
        return ("else", list(items[1:]))

    def if_line(self, items):
        kw, cond = items[0], items[1]
        then: list[Any] = []
        otherwise: list[Any] | None = None
        in_else = False
        for it in items[3:]:
            if isinstance(it, Token):
                if _kind(it) == "ELSE":
                    in_else, otherwise = True, []
                continue
            (otherwise if in_else and otherwise is not None else then).append(it)
        return ast.If(kw.line, kw.column, self.file, [(cond, then)], otherwise)

    def switch_stmt(self, items):
        kw, subject = items[0], items[1]
        cases, other = [], None
        for it in items[2:]:
            if isinstance(it, tuple) and it[0] == "case":
                cases.append((it[1], it[2]))
            elif isinstance(it, tuple) and it[0] == "other":
                other = it[1]
        return ast.Switch(kw.line, kw.column, self.file, subject, cases, other)

    def case_clause(self, items):
        case_items = [it for it in items if isinstance(it, ast.CaseItem)]
        body = [it for it in items[1:] if isinstance(it, ast.Node) and not isinstance(it, ast.CaseItem)]
        return ("case", case_items, body)

    def other_clause(self, items):
        return ("other", [it for it in items[1:] if isinstance(it, ast.Node)])

    def case_value(self, items):
        return ast.CaseItem(*self._pos(items[0]), "value", items[0])

    def case_range(self, items):
        return ast.CaseItem(*self._pos(items[0]), "range", items[0], items[2])

    def case_compare(self, items):
        op, value = items
        return ast.CaseItem(*self._pos(op), "compare", value, None, op.value)

    def for_stmt(self, items):
        kw, name = items[0], items[1]
        start, end = items[3], items[5]
        step = None
        rest = items[6:]
        if rest and isinstance(rest[0], Token) and _kind(rest[0]) in ("STEP", "PAS"):
            step = rest[1]
            rest = rest[2:]
        body = [s for s in rest if not isinstance(s, Token)]
        return ast.For(kw.line, kw.column, self.file, self._text(name), start, end, step, body)

    def foreach_stmt(self, items):
        kw = items[0]
        names = [it for it in items[1:] if isinstance(it, Token) and it.type == "NAME"]
        of_at = next(i for i, it in enumerate(items) if isinstance(it, Token) and _kind(it) == "OF")
        iterable = items[of_at + 1]
        body = [s for s in items[of_at + 2:] if not isinstance(s, Token)]
        return ast.ForEach(kw.line, kw.column, self.file, self._text(names[0]),
                           self._text(names[1]) if len(names) > 1 else None, iterable, body)

    def foreach_string(self, items):
        kw = items[0]
        name = items[2]
        text, sep = [it for it in items[3:] if not isinstance(it, Token)][:2]
        body = [s for s in items[3:] if not isinstance(s, Token)][2:]
        return ast.ForEachString(kw.line, kw.column, self.file, self._text(name), text, sep, body)

    def foreach_file(self, items):
        kw, name = items[0], items[1]
        key, condition, body = None, None, []
        for it in items[2:]:
            if isinstance(it, tuple) and it[0] == "key":
                key = it[1]
            elif isinstance(it, tuple) and it[0] == "where":
                condition = it[1]
            elif isinstance(it, ast.Node):
                body.append(it)
        # `FOR EACH ROW OF` / `POUR TOUTE LIGNE DE` is one FOR_EACH token (lexer order).
        words = kw.value.lower().split()
        kind = "row" if "row" in words or "ligne" in words else "file"
        return ast.ForEachSource(kw.line, kw.column, self.file, kind, self._text(name), key,
                                 condition, body)

    def file_key(self, items):
        return ("key", self._text(items[1]))

    def file_where(self, items):
        return ("where", items[1])

    def while_stmt(self, items):
        kw = items[0]
        return ast.While(kw.line, kw.column, self.file, items[1],
                         [s for s in items[2:] if not isinstance(s, Token)])

    def loop_stmt(self, items):
        kw = items[0]
        rest = [s for s in items[1:] if not isinstance(s, Token)]
        # `LOOP (n)`: the count is the only expression before the body's statements.
        count = rest.pop(0) if rest and len(items) > 1 and not _is_statement(items[1]) else None
        return ast.Loop(kw.line, kw.column, self.file, rest, count)

    def when_stmt(self, items):
        kw = items[0]
        parts: list[list] = [[]]
        for it in items[1:]:
            if isinstance(it, Token):
                if _kind(it) in ("DO", "ELSE"):
                    parts.append([])
                continue
            parts[-1].append(it)
        body = parts[0]
        handler = parts[1] if len(parts) > 1 else []
        otherwise = parts[2] if len(parts) > 2 else None
        return ast.When(kw.line, kw.column, self.file, body, handler, otherwise)

    def when_general(self, items):
        kw = items[0]
        return ast.WhenGeneral(kw.line, kw.column, self.file,
                               [it for it in items[1:] if not isinstance(it, Token)])

    def _procedure(self, items, internal):
        kw = items[0]
        i = 1
        # A class property's process is a procedure with the modifier PROPERTY (the
        # resolver tells the retrieval from the assignment by the parameters).
        modifiers = ["PROPERTY"] if isinstance(kw, Token) and _kind(kw) == "PROPERTY" else []
        while isinstance(items[i], tuple) and items[i][0] == "modifier":
            modifiers.append(items[i][1])
            i += 1
        name = items[i]
        shown = self._text(name)
        if len(items) > i + 2 and isinstance(items[i + 1], Token) and items[i + 1].type == "DCOLON":
            shown = f"{shown}::{self._text(items[i + 2])}"   # a method: `cAccount::Send`
            i += 2
        params, ret, body, labels = [], None, [], []
        for it in items[i + 1:]:
            if isinstance(it, tuple) and it[0] == "params":
                params = it[1]
            elif isinstance(it, tuple) and it[0] == "ret":
                ret = it[1]
            elif isinstance(it, ast.ProcLabel):
                labels.append(it)
            elif isinstance(it, ast.Node):
                body.append(it)
        return ast.Procedure(kw.line, kw.column, self.file, shown, params, body,
                             internal, ret, modifiers, labels, self._attributes(items))

    def proc_modifier(self, items):
        return ("modifier", _kind(items[0]))

    def proc_label(self, items):
        kw = items[0]
        word = _kind(items[1]) if len(items) > 1 and isinstance(items[1], Token) else ""
        kind = {"LABEL_ERROR": "error", "LABEL_EXCEPTION": "exception"}.get(word, "end")
        return ast.ProcLabel(kw.line, kw.column, self.file, kind,
                             [it for it in items[1:] if isinstance(it, ast.Node)])

    def procedure(self, items):
        return self._procedure(items, False)

    def internal_proc(self, items):
        return self._procedure(items, True)

    def params(self, items):
        return ("params", list(items))

    def param(self, items):
        local = False
        i = 0
        if isinstance(items[0], Token) and _kind(items[0]) == "LOCAL":
            local, i = True, 1
        name = items[i]
        type_spec, default = None, None
        rest = items[i + 1:]
        j = 0
        while j < len(rest):
            it = rest[j]
            if isinstance(it, Token) and _kind(it) == "IS":
                type_spec = rest[j + 1]
                j += 2
            elif isinstance(it, ast.TypeSpec):       # `p string`: the type without IS
                type_spec = it
                j += 1
            elif isinstance(it, Token) and it.type == "EQ":
                default = rest[j + 1]
                j += 2
            else:
                j += 1
        return ast.Param(name.line, name.column, self.file, self._text(name), type_spec,
                         default, local, self._attributes(items))

    def return_type(self, items):
        return ("ret", items[0])

    # ---- expressions
    def binop(self, items):
        left, op, right = items
        name = _kind(op)
        symbol = {"PLUS": "+", "MINUS": "-", "STAR": "*", "SLASH": "/", "MODULO": "modulo",
                  "AND": "and", "OR": "or", "AND_SC": "_and_", "OR_SC": "_or_"}[name]
        return ast.BinOp(op.line, op.column, self.file, symbol, left, right)

    def compare_chain(self, items):
        a, op1, b, op2, c = items
        return ast.CompareChain(op1.line, op1.column, self.file, [op1.value, op2.value],
                                [a, b, c])

    def compare(self, items):
        left, op, right = items
        return ast.Compare(op.line, op.column, self.file, op.value, left, right)

    def ternary(self, items):
        cond, q, then, _, otherwise = items
        return ast.Ternary(q.line, q.column, self.file, cond, then, otherwise)

    def in_list(self, items):
        value = items[0]
        kw = items[1]
        return ast.InList(kw.line, kw.column, self.file, value, items[2])

    def substring(self, items):
        base, lsq = items[0], items[1]
        rest = items[2:]
        to_at = next((i for i, it in enumerate(rest)
                      if isinstance(it, Token) and _kind(it) == "TO"), None)
        if to_at is None:
            return ast.Substring(lsq.line, lsq.column, self.file, base, rest[0], None, True)
        lower = rest[0] if to_at > 0 else None
        upper = rest[to_at + 1] if len(rest) > to_at + 1 else None
        return ast.Substring(lsq.line, lsq.column, self.file, base, lower, upper, False)

    def not_op(self, items):
        return ast.Not(*self._pos(items[0]), items[1])

    def neg(self, items):
        operand = items[1]
        value = operand.value if isinstance(operand, ast.Literal) else None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            node = ast.Literal(*self._pos(items[0]), -value)
            _, origin = self.origins.pop(id(operand), (None, None))
            if origin is not None and origin[0] == "number":
                self._literal(node, (*origin[:3], not origin[3]))
            return node
        return ast.Neg(*self._pos(items[0]), operand)

    def pos(self, items):
        return items[1]

    def call(self, items):
        func = items[0]
        args = items[1] if len(items) > 1 else []
        return ast.Call(*self._pos(func), func, args)

    def args(self, items):
        return list(items)

    def tuple_lit(self, items):
        return ast.Tuple(*self._pos(items[0]), list(items))

    def omitted_arg(self, items):
        return ast.Omitted(*self._pos(items[0]))

    def array_items(self, items):
        return list(items)

    def index(self, items):
        base = items[0]
        return ast.Index(items[1].line, items[1].column, self.file, base, list(items[2:]))

    def member(self, items):
        base, dot, name = items
        return ast.Member(*self._pos(base), base, self._text(name), name.line, name.column)

    def number(self, items):
        tok = items[0]
        return self._literal(ast.Literal(tok.line, tok.column, self.file,
                                         literals.number(tok.value)),
                             ("number", tok.start_pos, tok.end_pos, False))

    def string(self, items):
        tok = items[0]
        value = literals.string(tok.type, self._text(tok))
        if self.interpolate and "[%" in value:
            return self._interpolate(tok, value)
        return self._literal(ast.Literal(tok.line, tok.column, self.file, value),
                             ("string", tok.type, tok.start_pos, tok.end_pos))

    def _interpolate(self, tok, value):
        parts: list = []
        try:
            for is_expr, text in literals.interpolation(value):
                assert self.sub_parse is not None  # parse() sets it before parsing
                parts.append(self.sub_parse(text, tok) if is_expr else text)
        except ValueError as e:
            raise ParseError(self.file, tok.line, tok.column, str(e)) from None
        return self._literal(ast.Interpolated(tok.line, tok.column, self.file, parts),
                             ("interpolated", tok.type, tok.start_pos, tok.end_pos))

    def indirection(self, items):
        brace, name = items[0], items[1]
        kind = self._text(items[2]) if len(items) > 2 else ""
        return ast.Indirection(brace.line, brace.column, self.file, name, kind)

    def address_of(self, items):
        amp, target = items
        return ast.AddressOf(amp.line, amp.column, self.file, target)

    def message_ref(self, items):
        tok = items[0]
        return ast.MessageRef(tok.line, tok.column, self.file, self._text(tok)[2:-2])

    def var(self, items):
        tok = items[0]
        return ast.Var(tok.line, tok.column, self.file, self._text(tok))

    def true(self, items):
        return ast.Literal(*self._pos(items[0]), True)

    def false(self, items):
        return ast.Literal(*self._pos(items[0]), False)

    def null(self, items):
        return ast.Literal(*self._pos(items[0]), None)

    def array_lit(self, items):
        lsqb = items[0]
        return ast.ArrayLit(lsqb.line, lsqb.column, self.file,
                            items[1] if len(items) > 1 else [])

    # ---- small forms (branch smallforms) ------------------------------------------------
    def if_bare(self, items):
        # `IF x < 0 x = 0`: the one-line IF without THEN.
        kw, cond = items[0], items[1]
        return ast.If(kw.line, kw.column, self.file,
                      [(cond, [it for it in items[2:] if isinstance(it, ast.Node)])], None)

    def duration(self, items):
        tok = items[0]
        try:
            ms = literals.duration_ms(self._text(tok))
        except ValueError as e:
            raise ParseError(self.file, tok.line, tok.column, str(e)) from None
        return ast.DurationLit(tok.line, tok.column, self.file, ms)

    def extern_name(self, items):
        return ast.ExternName(*self._pos(items[1]), self._text(items[1]))

    def compile_if(self, items):
        kw = items[0]
        text = self._text(kw)
        return ast.CompileIf(kw.line, kw.column, self.file, " ".join(text.split()),
                             self._chosen_branch(items))

    def constant_compile_if(self, items):
        # `<COMPILE IF>` inside a CONSTANT block: the selected branch's constants.
        return ("constants", self._chosen_branch(items))

    def _chosen_branch(self, items):
        """The items of the branch the configuration selects (`<COMPILE ELSE>` splits
        them); a nested CONSTANT-block branch arrives as ("constants", [...])."""
        kw = items[0]
        parts: list[list[Any]] = [[]]
        for it in items[1:]:
            if isinstance(it, Token):
                if it.type == "COMPILE_ELSE":
                    parts.append([])
                continue
            if isinstance(it, tuple) and it[0] == "constants":
                parts[-1].extend(it[1])
            else:
                parts[-1].append(it)
        if self._compile_condition(kw.line, kw.column, self._text(kw)):
            return parts[0]
        return parts[1] if len(parts) > 1 else []

    def _compile_condition(self, line: int, column: int, text: str) -> bool:
        # `<COMPILE IF cond>` / `<IF ExecutionTarget=X>`: the condition is what follows the
        # directive's words (for ExecutionTarget, the keyword is part of the condition).
        inner = text.strip()[1:-1].strip()
        words = inner.split(None, 2)
        cond = inner[len(words[0]):].strip() if fold_for_lexer(words[0]).lower() in ("if", "si") \
            else (words[2] if len(words) > 2 else "")
        if not cond:
            raise ParseError(self.file, line, column, "this directive has no condition")
        try:
            _EXPR_BUILDER.orig, _EXPR_BUILDER.file = cond, self.file
            node = _expr_parser().parse(fold_for_lexer(cond), "expr_start")
            return compilation.holds(node, self.configuration)
        except (UnexpectedInput, ParseError):
            raise ParseError(self.file, line, column,
                             f"the condition of this directive does not parse: {cond!r}") from None
        except compilation.ConditionError as e:
            raise ParseError(self.file, line, column, str(e)) from None


    # ---- lambdas (issue 9): an anonymous internal procedure, named after its place
    def _lambda(self, at, params, ret, body):
        line, column, file = self._pos(at)
        proc = ast.Procedure(line, column, file, f"<lambda {line}:{column}>", params, body,
                             True, ret)
        return ast.Lambda(line, column, file, proc)

    def _lambda_params(self, head):
        if isinstance(head, Token):             # `() =>`
            return head, []
        names = head.items if isinstance(head, ast.Tuple) else [head]
        params = []
        for n in names:
            if not isinstance(n, ast.Var):
                raise ParseError(n.file, n.line, n.column,
                                 "the parameters of a lambda are names: `(a, b) => ...`")
            params.append(ast.Param(n.line, n.column, n.file, n.name, None, None, False))
        return head, params

    def lambda_expr(self, items):
        at, params = self._lambda_params(items[0])
        value = items[2]
        return self._lambda(at, params, None, [ast.Result(*self._pos(value), value)])

    def lambda_block(self, items):
        at, params = self._lambda_params(items[0])
        return self._lambda(at, params, None,
                            [it for it in items[2:] if isinstance(it, ast.Node)])

    def lambda_typed(self, items):
        params = [it for it in items[1:] if isinstance(it, ast.Param)]
        ret = next((it[1] for it in items if isinstance(it, tuple) and it[0] == "ret"), None)
        body = [it for it in items[1:] if isinstance(it, ast.Node)
                and not isinstance(it, ast.Param)]
        return self._lambda(items[0], params, ret, body)

    # ---- classes and structures (docs/language.md, "Classes and structures")
    def class_block(self, items):
        return self._class_decl(items, "class")

    def struct_block(self, items):
        return self._class_decl(items, "structure")

    def _class_decl(self, items, kind):
        name = items[0]
        base = None
        fields, constants = [], []
        section = ("public", False, False)       # until a section line says otherwise
        for it in items[2:]:
            if not isinstance(it, tuple):
                continue
            if it[0] == "inherits":
                base = it[1]
            elif it[0] == "section":
                section = it[1]
            elif it[0] == "constants":
                constants.extend(it[1])
            elif it[0] == "field":
                field, own = it[1], it[2]
                field.visibility, field.static, field.readonly = own if own is not None else section
                fields.append(field)
        return ast.ClassDecl(name.line, name.column, self.file, self._text(name), kind, base,
                             fields, constants)

    def class_inherits(self, items):
        return ("inherits", self._text(items[1]))

    @staticmethod
    def _modifiers(words) -> tuple[str, bool, bool]:
        visibility, static, readonly = "public", False, False
        for w in words:
            if w in ("PRIVATE", "PROTECTED", "PUBLIC"):
                visibility = w.lower()
            elif w == "GLOBAL":
                static = True
            elif w == "CONSTANT":
                readonly = True
        return visibility, static, readonly

    def class_section(self, items):
        return ("section", self._modifiers([it[1] for it in items if isinstance(it, tuple)]))

    def class_field(self, items):
        words = [it[1] for it in items if isinstance(it, tuple) and it[0] == "word"]
        field = next(it for it in items if isinstance(it, ast.ClassField))
        return ("field", field, self._modifiers(words) if words else None)

    def class_mapping(self, items):
        return ("mapping", self._text(items[0]))

    def class_constant(self, items):
        return ("constants", items[0].defs)

    def member_vis(self, items):
        return ("word", _kind(items[0]))

    def member_static(self, items):
        return ("word", "GLOBAL")

    def member_word(self, items):
        it = items[0]
        return it if isinstance(it, tuple) else ("word", _kind(it))

    def field_decl(self, items):
        d = self.declaration(items)
        return ast.ClassField(d.line, d.column, self.file, d.names, d.type, d.init, d.ctor_args,
                              "public", False, False, d.attributes)

    def ctor_args(self, items):
        return ("ctor", items[0] if items else [])

    def delete_stmt(self, items):
        return ast.Delete(*self._pos(items[0]), items[1])

    def base_ctor(self, items):
        kw, name = items[0], items[1]
        return ast.BaseConstructor(kw.line, kw.column, self.file, self._text(name),
                                   items[2] if len(items) > 2 else [])

    def self_member(self, items):
        colon, name = items
        me = ast.Var(colon.line, colon.column, self.file, "MySelf")
        return ast.Member(colon.line, colon.column, self.file, me, self._text(name), name.line,
                          name.column)

    def class_member(self, items):
        if len(items) == 2:                  # `::X`: a member of the class of the method
            colons, name = items
            return ast.ClassMember(colons.line, colons.column, self.file, "", self._text(name))
        cls, _, name = items
        return ast.ClassMember(cls.line, cls.column, self.file, self._text(cls), self._text(name))

    def new_object(self, items):
        kw = items[0]
        names = [it for it in items[1:] if isinstance(it, Token) and it.type == "NAME"]
        args = next((it for it in items[1:] if isinstance(it, list)), [])
        # `allouer un cNode`: the article is left out by the grammar
        return ast.NewObject(kw.line, kw.column, self.file, self._text(names[-1]), args)
    # ---- end of classes and structures


_STATEMENTS: tuple[type, ...] = tuple(
    c for c in vars(ast).values()
    if isinstance(c, type) and issubclass(c, ast.Node) and c.__name__ in (
        "Assign", "OpAssign", "ExprStmt", "Declare", "Break", "Continue", "Return", "Result",
        "Extern", "Nop", "If", "Switch", "For", "ForEach", "ForEachString", "ForEachSource",
        "While", "Loop", "When", "WhenGeneral", "Procedure", "Constant"))


_STATEMENTS += (ast.CompileIf, ast.ExternName)   # small forms (branch smallforms)


def _is_statement(item: Any) -> bool:
    return isinstance(item, _STATEMENTS)


_BUILDER = _Builder()
_EXPR_BUILDER = _Builder()
_PARSERS: dict[str, Parser] | None = None


def _parsers() -> dict[str, Parser]:
    global _PARSERS
    if _PARSERS is None:
        _PARSERS = load(json.loads(TABLES_JSON), {"script": _BUILDER, "expr": _EXPR_BUILDER})
    return _PARSERS


def parser() -> Parser:
    return _parsers()["script"]


def _expr_parser() -> Parser:
    return _parsers()["expr"]


def _is_expression_list(body: str) -> bool:
    """Whether the lines between `= [` and `]` are an array literal (docs/language.md)."""
    stripped = body.strip()
    if not stripped:
        return True
    _EXPR_BUILDER.orig, _EXPR_BUILDER.file = body, "<array>"
    try:
        items = _expr_parser().parse(body, "exprs_start")
    except (UnexpectedInput, ParseError):
        return False
    if len(items) > 1 or stripped.rstrip().endswith(","):
        return True
    only = items[0]
    return isinstance(only, ast.Literal)


def _sub_parse_factory(file: str):
    def sub_parse(text: str, tok: Token) -> ast.Node:
        _EXPR_BUILDER.orig, _EXPR_BUILDER.file = text, file
        try:
            node = _expr_parser().parse(fold_for_lexer(text), "expr_start")
        except UnexpectedInput:
            raise ParseError(file, tok.line, tok.column,
                             f"the expression inside `[% %]` does not parse: {text.strip()!r}")
        # Positions inside the string are reported at the string itself.
        node.line, node.column = tok.line, tok.column
        return node
    return sub_parse


def parse(text: str, file: str, interpolate: bool = False,
          configuration: compilation.Configuration = compilation.DEFAULT) -> ast.Program:
    """Parse a whole script.  Raises ParseError with a WLanguage-style message."""
    return parse_with_origins(text, file, interpolate, configuration)[0]


def parse_with_origins(text: str, file: str, interpolate: bool = False,
                       configuration: compilation.Configuration = compilation.DEFAULT
                       ) -> tuple[ast.Program, dict[int, tuple[ast.Node, Origin]]]:
    """parse(), and where each literal of the script's text comes from (id(node) ->
    (node, Origin)); a literal missing there (one inside `[% %]`) has no such origin."""
    folded = fold_for_lexer(text)
    if not folded.endswith("\n"):
        folded += "\n"
    folded = mark_multiline_strings(folded, _is_expression_list)
    orig = text if text.endswith("\n") else text + "\n"
    p = parser()
    _BUILDER.orig, _BUILDER.file, _BUILDER.interpolate = orig, file, interpolate
    _BUILDER.sub_parse = _sub_parse_factory(file)
    _BUILDER.configuration = configuration
    _BUILDER.origins = {}
    if "<" in folded:       # <COMPILE IF> between the clauses of a statement
        folded, orig = compilation.split_directives(folded, orig, _BUILDER._compile_condition)
        _BUILDER.orig = orig
    try:
        program = p.parse(folded, "start")
    except UnexpectedInput as e:
        from .errors import explain  # compiles its patterns: only when there is an error
        raise explain(e, orig, folded, file) from None
    except RecursionError:
        raise ParseError(file, 1, 1, "the script is nested too deeply to be read") from None
    finally:
        origins, _BUILDER.origins, _EXPR_BUILDER.origins = _BUILDER.origins, {}, {}
    program.text = text
    return program, origins
