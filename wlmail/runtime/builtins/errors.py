"""ErrorOccurred/ErrorInfo (non-fatal errors) and ExceptionInfo/ExceptionThrow (fatal ones).

`ErrorInfo(errCode)` and `ExceptionInfo(errCode)` give wlmail's own stable numbers
(docs/errors.md); a script's ExceptionThrow keeps the number the script chose.
"""
from __future__ import annotations

from typing import Any

from ...registry import Declarations
from ..context import Context
from ..errors import Err, WLFatal
from .arguments import integer, text

# What this module declares; wlmail.runtime.builtins.register adds it to a registry.
DECLARE = Declarations()

ERR_MESSAGE = 1
ERR_CODE = 2
ERR_FULL_DETAILS = 3
ERR_SUMMARY = 4
DECLARE.constant("errMessage", "errMessage", value=ERR_MESSAGE, doc="ErrorInfo/ExceptionInfo: the message")
DECLARE.constant("errCode", "errCode", value=ERR_CODE, doc="ErrorInfo/ExceptionInfo: the error number")
DECLARE.constant("errFullDetails", "errComplet", value=ERR_FULL_DETAILS,
                 doc="ErrorInfo/ExceptionInfo: message, number and details (the SMTP dialogue)")
DECLARE.constant("errSummary", "errRésumé", value=ERR_SUMMARY,
                 doc="ErrorInfo/ExceptionInfo: the message (same as errMessage)")


def _kind(fn: str, info: Any) -> int:
    k = ERR_MESSAGE if info is None else integer(fn, info, "the information type")
    if k not in (ERR_MESSAGE, ERR_CODE, ERR_FULL_DETAILS, ERR_SUMMARY):
        raise WLFatal(f"{fn}: {k} is not an information type (use errMessage, errCode "
                      "or errFullDetails)", Err.BAD_OPTION)
    return k


@DECLARE.function("ErrorOccurred", "ErreurDétectée", returns="boolean")
def error_occurred(rt: Context) -> bool:
    """True when the last email, auth or file function failed."""
    return rt.error.occurred


@DECLARE.function("ErrorInfo", "ErreurInfo", returns="Variant")
def error_info(rt: Context, info: Any = None) -> Any:
    """The last non-fatal error: its message (default, errMessage), its number
    (errCode, 0 when none), or everything including the SMTP dialogue (errFullDetails)."""
    k = _kind("ErrorInfo", info)
    err = rt.error
    if k == ERR_CODE:
        return err.code
    if k == ERR_FULL_DETAILS:
        if not err.message and not err.code:
            return ""
        parts = [err.message, f"Error code: {err.code}"]
        if err.details:
            parts.append(err.details)
        return "\n".join(parts)
    return err.message


@DECLARE.function("ExceptionInfo", "ExceptionInfo", returns="Variant")
def exception_info(rt: Context, info: Any = None) -> Any:
    """The fatal error being handled by WHEN EXCEPTION: its message (default), its
    number (errCode) or message, number and place (errFullDetails)."""
    k = _kind("ExceptionInfo", info)
    exc = rt.exception
    if exc is None:
        return 0 if k == ERR_CODE else ""
    if k == ERR_CODE:
        return exc.code
    if k == ERR_FULL_DETAILS:
        parts = [exc.message, f"Error code: {exc.code}"]
        if exc.line is not None:
            where = f"{exc.file}:{exc.line}" if exc.file else f"line {exc.line}"
            if exc.procedure:
                where += f" (procedure {exc.procedure})"
            parts.append(f"At: {where}")
        return "\n".join(parts)
    return exc.message


@DECLARE.function("ExceptionThrow", "ExceptionDéclenche")
def exception_throw(rt: Context, code: Any, message: Any = None) -> None:
    """Raise a fatal error with the script's own number and message; WHEN EXCEPTION
    catches it, otherwise the script stops."""
    n = integer("ExceptionThrow", code, "the code")
    if message is None:
        raise WLFatal(f"exception {n} thrown by the script", n)
    raise WLFatal(text("ExceptionThrow", message, "the message"), n)
