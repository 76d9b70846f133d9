"""The process around the script: environment, command line, the end of the program.

For ExeInfo the "executable" is the script: exeName is its path, exeDirectory its folder,
and the version is wlmail's.
"""
from __future__ import annotations

import os
import time as _time
from typing import Any

from ... import __version__
from ...registry import Declarations
from ..context import Context, EndProgram
from ..errors import Err, WLFatal
from ..values import CR
from .arguments import integer, numeric, text

# What this module declares; wlmail.runtime.builtins.register adds it to a registry.
DECLARE = Declarations()


@DECLARE.function("SysEnvironment", "SysEnvironnement", returns="string", example="""
    Trace("HOME is " + SysEnvironment("HOME"))
""")
def sys_environment(rt: Context, name: Any = None) -> str:
    """The value of an environment variable ("" when unset); without a name, every
    variable as NAME=value lines (CR-separated)."""
    if name is None:
        return CR.join(f"{k}={v}" for k, v in sorted(os.environ.items()))
    return os.environ.get(text("SysEnvironment", name, "the name"), "")


def _named_argument(args: list[str], name: str) -> str:
    # WINDEV programs take named options as `/Name=value`; people on Linux write
    # `-Name=value` or `--Name=value`. A bare `/Name` is a flag. Names ignore case.
    want = name.lower().lstrip("/-")
    for arg in args:
        if not arg.startswith(("/", "-")):
            continue
        key, eq, value = arg.lstrip("/-").partition("=")
        if key.lower() == want:
            return value if eq else "1"
    return ""


@DECLARE.function("CommandLine", "LigneCommande", returns="string")
def command_line(rt: Context, which: Any = None) -> str:
    """The arguments given after `wlmail run SCRIPT --`, joined by spaces; with a number,
    the n-th argument ("" past the last); with a name, the value of `/name=value`
    ("1" for a bare `/name`, "" when absent)."""
    args = rt.options.args
    if which is None:
        return " ".join(args)
    if isinstance(which, str) and not which.strip().lstrip("+-").isdigit():
        return _named_argument(args, which)
    n = integer("CommandLine", which)
    return args[n - 1] if 1 <= n <= len(args) else ""


@DECLARE.function("EndProgram", "FinProgramme")
def end_program(rt: Context) -> None:
    """End the script at once (exit status 0); the open sessions are closed."""
    raise EndProgram()


EXE_NAME = "exeName"
EXE_DIRECTORY = "exeDirectory"
EXE_VERSION = "FileVersion"
EXE_PRODUCT_VERSION = "ProductVersion"
EXE_DESCRIPTION = "FileDescription"
EXE_PRODUCT_NAME = "ProductName"
EXE_COMPANY = "CompanyName"
EXE_COPYRIGHT = "LegalCopyright"
EXE_ORIGINAL_FILENAME = "OriginalFilename"
EXE_INTERNAL_NAME = "InternalName"
EXE_PID = "exePID"
DECLARE.constant("exeName", "exeNom", value=EXE_NAME, doc="ExeInfo: the script's full path")
DECLARE.constant("exeDirectory", "exeRépertoire", value=EXE_DIRECTORY, doc="ExeInfo: the script's folder")
DECLARE.constant("exeVersion", "exeVersion", value=EXE_VERSION, doc="ExeInfo: wlmail's version")
DECLARE.constant("exeProductVersion", "exeVersionProduit", value=EXE_PRODUCT_VERSION,
                 doc="ExeInfo: wlmail's version")
DECLARE.constant("exeDescription", "exeDescription", value=EXE_DESCRIPTION,
                 doc="ExeInfo: a description of the program")
DECLARE.constant("exeProductName", "exeNomProduit", value=EXE_PRODUCT_NAME, doc="ExeInfo: \"wlmail\"")
DECLARE.constant("exeCompany", "exeSociété", value=EXE_COMPANY, doc="ExeInfo: empty")
DECLARE.constant("exeCopyright", "exeCopyright", value=EXE_COPYRIGHT, doc="ExeInfo: empty")
DECLARE.constant("exePID", "exePID", value=EXE_PID, doc="ExeInfo: the process id")


@DECLARE.function("ExeInfo", "ExeInfo", returns="string")
def exe_info(rt: Context, keyword: Any, executable: Any = None) -> str:
    """Information about the running program (the script run by wlmail): exeName,
    exeDirectory, exeVersion, exeDescription, exeProductName, exePID, or a version
    resource name such as "OriginalFilename". "" when there is no such information.
    The second argument (another executable) is accepted; wlmail answers for the script."""
    key = text("ExeInfo", keyword, "the keyword")
    lowered = key.lower()
    if lowered == EXE_NAME.lower():
        return str(rt.script_path)
    if lowered == EXE_DIRECTORY.lower():
        return str(rt.script_dir)
    if lowered in (EXE_VERSION.lower(), EXE_PRODUCT_VERSION.lower()):
        return __version__
    if lowered == EXE_DESCRIPTION.lower():
        return f"WLanguage script {rt.script_path.name} run by wlmail"
    if lowered == EXE_PRODUCT_NAME.lower():
        return "wlmail"
    if lowered in (EXE_ORIGINAL_FILENAME.lower(), EXE_INTERNAL_NAME.lower()):
        return rt.script_path.name
    if lowered == EXE_PID.lower():
        return str(os.getpid())
    return ""


# A longer wait is a mistake in the unit (hundredths of a second), and time.sleep
# refuses a few hundred years.
_MAX_WAIT = 365 * 24 * 3600 * 100


@DECLARE.function("Multitask", "Multitâche")
def multitask(rt: Context, duration: Any = 0) -> None:
    """Wait `duration` hundredths of a second (a negative value waits as long; at most
    a year); a console script has no events to process meanwhile."""
    hundredths = abs(numeric("Multitask", duration, "the duration"))
    if hundredths != hundredths:
        raise WLFatal("Multitask: the duration is not a number (nan)", Err.ARGUMENT_TYPE)
    if hundredths > _MAX_WAIT:
        raise WLFatal("Multitask: the wait is more than a year (the duration is in "
                      "hundredths of a second)", Err.ARGUMENT_TYPE)
    if hundredths:
        _time.sleep(hundredths / 100)
