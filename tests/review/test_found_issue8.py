"""Regressions of issue 8's language-core items: each test failed when it was written.

None of these scripts may end in exit status 70 (a bug in wlmail) or a Python traceback.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from wltest import check_wl, run_wl


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env.pop("WLMAIL_SMTP_SERVER", None)
    return env


def _no_bug(status: int, err: str) -> None:
    assert status != 70, err
    assert "internal error" not in err
    assert "Traceback" not in err


def _script(tmp_path: Path, text: str, name: str = "t.wl") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# -- 11: a reader that closes the pipe early ---------------------------------------------

def _read_one_line_then_close(tmp_path: Path, *argv: str) -> tuple[int, str, str]:
    """`wlmail ARGV | head -1`: read one line of stdout, close it, wait for the end."""
    p = subprocess.Popen([sys.executable, "-m", "wlmail", *argv], cwd=tmp_path,
                         env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout is not None and p.stderr is not None
    first = p.stdout.readline().decode()
    p.stdout.close()
    try:
        err = p.stderr.read().decode()
        status = p.wait(timeout=60)
    finally:
        p.kill()
    return status, first, err


def test_run_into_a_pipe_closed_early_exits_quietly(tmp_path: Path) -> None:
    script = _script(tmp_path, "FOR i = 1 TO 200000\n\tTrace(i)\nEND\n")
    status, first, err = _read_one_line_then_close(tmp_path, "run", str(script))
    assert first == "1\n"
    assert (status, err) == (141, "")


def test_check_into_a_pipe_closed_early_exits_quietly(tmp_path: Path) -> None:
    # 2,000 diagnostics (about 300 KB) are far more than a pipe holds (64 KB).
    script = _script(tmp_path, "".join(f"Unknown{i}()\n" for i in range(2000)))
    status, first, err = _read_one_line_then_close(tmp_path, "check", str(script))
    assert "unknown function or procedure `Unknown0`" in first
    assert (status, err) == (141, "")


# -- 10: integers too big for a real -----------------------------------------------------

BIG = "1" + "0" * 400


def test_huge_integers_with_reals_are_exact_or_a_fatal_error(tmp_path: Path) -> None:
    p = _script(tmp_path, f"""x is int = {BIG}
// each line once ended in an OverflowError (exit 70)
Trace(x * 0.0)
Trace(x modulo 0.5)
Trace(-x modulo 0.75)
Trace(x / 1e300)
Trace(x + Val("1e999"))
Trace(x - Val("1e999"))
Trace(Val("1e999") modulo 3)
Trace(x > 0.5, x = Val("1e999"), x < Val("1e999"), Round(-x, -3) = -x)
WHEN EXCEPTION IN
	Trace(x / 3)
DO
	Trace("caught: " + ExceptionInfo())
END
WHEN EXCEPTION IN
	FOR i = x TO x + 2 STEP 0.5
	END
DO
	Trace("caught: " + ExceptionInfo())
END
r is real = 0.5
r += x
""")
    status, out, err = run_wl(p)
    _no_bug(status, err)
    too_big = "the result is too big for a real"
    assert out.splitlines() == [
        "0", "0", "-0.25", "1e+100", "inf", "-inf", "nan", "1", "0", "1", "1",
        f"caught: `/`: {too_big} (a real holds at most about 1.8e308; only integers have "
        "no limit)",
        f"caught: `+`: {too_big} (a real holds at most about 1.8e308; only integers have "
        "no limit)"]
    assert status == 1 and f"{p}:23:1: error: `+`: {too_big}" in err


def test_huge_integer_as_a_time_out_is_not_an_internal_error(tmp_path: Path) -> None:
    p = _script(tmp_path, f"EmailSetTimeOut({BIG})\nEmailSetTimeOut(1e400)\nTrace(\"ok\")\n")
    status, out, err = run_wl(p)
    _no_bug(status, err)


# -- 13: limits instead of running out of memory -----------------------------------------

def test_a_string_doubled_forty_times_names_the_limit(tmp_path: Path) -> None:
    p = _script(tmp_path, """s is string = "a"
WHEN EXCEPTION IN
	FOR i = 1 TO 40
		s = s + s
	END
DO
	Trace(ExceptionInfo())
END
Trace(Length(s))
b is buffer = "a"
FOR i = 1 TO 40
	b += b
END
""")
    status, out, err = run_wl(p)
    _no_bug(status, err)
    assert out == ("a string would be 134,217,728 characters long, more than the "
                   "100,000,000 a string may hold\n67108864\n")
    assert status == 1
    assert f"{p}:12:2: error: a buffer would be 134,217,728 characters long" in err


def test_an_array_too_big_is_refused_before_running(tmp_path: Path) -> None:
    p = _script(tmp_path, "a is array of 4000000000 int\nTrace(1)\n")
    status, out = check_wl(p)
    assert status == 1
    assert (f"{p}:1:6: error: an array of 4,000,000,000 elements is more than the "
            "10,000,000 an array may hold") in out
    status, out, err = run_wl(p)
    assert (status, out) == (1, "")
    assert "nothing was sent" in err


def test_an_array_growing_past_the_limit_is_a_fatal_error(tmp_path: Path, monkeypatch) -> None:
    from wlmail.runtime import values
    monkeypatch.setattr(values, "MAX_ARRAY", 3)
    p = _script(tmp_path, """a is array of int
WHEN EXCEPTION IN
	LOOP
		Add(a, 1)
	END
DO
	Trace(ExceptionInfo())
END
WHEN EXCEPTION IN
	a[4] = 1
DO
	Trace(ExceptionInfo())
END
WHEN EXCEPTION IN
	ArrayInsert(a, 1, 0)
DO
	Trace(ExceptionInfo())
END
Trace(a.Count)
""")
    status, out, err = run_wl(p)
    _no_bug(status, err)
    assert out == "an array of 4 elements is more than the 3 an array may hold\n" * 3 + "3\n"


def test_a_ten_megabyte_literal_parses_in_memory_proportional_to_it(tmp_path: Path) -> None:
    # The lexer's STRING regex kept a backtracking point per character: 11 GB for this
    # script.  Under a 1 GB address-space limit it must still run (and it did not).
    import resource
    p = _script(tmp_path, 's is string = "' + 'ab""' * 1_000_000 + 'a' * 6_000_000
                + '"\nTrace(Length(s))\n')
    env = _env(tmp_path)
    env["WLMAIL_NO_PARSE_CACHE"] = "1"

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    r = subprocess.run([sys.executable, "-m", "wlmail", "run", str(p)], env=env,
                       capture_output=True, text=True, timeout=120, preexec_fn=limit)
    assert (r.returncode, r.stdout) == (0, "9000000\n"), r.stderr


# -- 4: masking is linear in the line's length -------------------------------------------

def test_masking_long_lines_of_secret_words_finishes(tmp_path: Path) -> None:
    # 20 s and minutes with the old regexes; a few hundredths of a second each now.  The
    # time-out only turns a hang into a failure: it is a hundred times what is needed.
    for name, text in (("tok.wl", "Trace(" + "Token" * 120 + ")\n"),
                       ("val.wl", "x is int = " + "value" * 200 + " +\n"),
                       ("many.wl", "Trace(" + "value, " * 20_000 + ")\n"),
                       ("quotes.wl", 'x = "' + 'value = "' * 20_000 + "\n")):
        p = _script(tmp_path, text, name)
        r = subprocess.run([sys.executable, "-m", "wlmail", "check", str(p)],
                           env=_env(tmp_path), capture_output=True, text=True, timeout=30)
        assert r.returncode in (1, 2) and f"{p}:1:" in r.stdout, r.stdout + r.stderr


def test_masking_reads_no_regex() -> None:
    # Linear by construction: the masking is a hand-written left-to-right scan.
    from wlmail import diagnostics
    source = Path(diagnostics.__file__).read_text(encoding="utf-8")
    assert "re.compile" not in source and "re.search" not in source
    assert "re.finditer" not in source and "re.match" not in source


# -- 9: secrets in diagnostics -----------------------------------------------------------

SECRET = "Pw-s3cret-7f2c9a"


def test_secret_literals_are_masked_in_every_form(tmp_path: Path) -> None:
    lines = [f's.Password = Upper("{SECRET}") + Nope()',
             f'p.ClientSecret = F() + "{SECRET}"',
             f'EmailStartSMTPSession(Lower(u), "{SECRET}", "smtp.example.com")',
             f'pw is string = "{SECRET}" + Nope()',
             f'pass is string = "{SECRET}" + Nope()',
             f's.Pasword = "{SECRET}"',
             f's.Password = "{SECRET}',
             f's.Password == "{SECRET}"',
             f"s.Password = '{SECRET}'",
             f"s.Password = \u201c{SECRET}\u201d + Nope()",  # typographic quotes delimit a string
             f't is AuthToken = "{SECRET}" + Nope()',
             f'x is string = "a" ; s.Password = "{SECRET}" + Nope()']
    for n, line in enumerate(lines):
        p = _script(tmp_path, f"s is emailSMTPSession\np is OAuth2Parameters\n{line}\n", f"m{n}.wl")
        status, out = check_wl(p)
        assert status in (1, 2) and f"{p}:3:" in out, (line, out)
        assert SECRET not in out, (line, out)
        assert '"***"' in out, (line, out)


def test_a_literal_assigned_later_to_an_authtoken_variable_is_masked(tmp_path: Path) -> None:
    # The variable's name says nothing secret: its declared type (AuthToken) does.
    p = _script(tmp_path, f'tok is AuthToken\nn is int = 1\ntok = "{SECRET}" + Nope()\n',
                "later.wl")
    status, out = check_wl(p)
    assert status == 1 and f"{p}:3:" in out, out
    assert SECRET not in out and '"***"' in out, out


# -- 9: a value that came from a secret is never printed --------------------------------

def test_a_secret_value_is_never_quoted_in_a_conversion_error(tmp_path: Path) -> None:
    p = _script(tmp_path, f"""s is emailSMTPSession
p is string = "{SECRET}"
s.Password = p
WHEN EXCEPTION IN
	s.Port = p
DO
	Trace("caught: " + ExceptionInfo())
	Trace(ExceptionInfo(errFullDetails))
END
q is string = "x" + p
WHEN EXCEPTION IN
	n is int = q
DO
	Trace("caught: " + ExceptionInfo())
END
WHEN EXCEPTION IN
	Trace(Left(q, "zz" + p))
DO
	Trace("caught: " + ExceptionInfo())
END
k is int = p
""")
    status, out, err = run_wl(p)
    assert status == 1
    assert SECRET not in out + err
    assert out.count('cannot convert "***" to an integer') == 4
    assert f'{p}:21:1: error: cannot convert "***" to an integer' in err


def test_secret_values_reach_no_output_and_no_file(tmp_path: Path) -> None:
    # Error paths with a distinctive password and client secret, under capture mode:
    # stdout, stderr, and every file wlmail wrote (parse cache, token store, the capture
    # Maildir) are searched for them.
    secret2 = "Cs-9d1e44b7-client"
    p = _script(tmp_path, f"""s is emailSMTPSession
s.ServerAddress = "smtp.example.com"
s.Name = "ann@example.com"
pw is string = "{SECRET}"
s.Password = pw
o is OAuth2Parameters
o.ClientSecret = "{secret2}"
WHEN EXCEPTION IN
	s.Port = pw
DO
	Trace(ExceptionInfo(errFullDetails))
END
WHEN EXCEPTION IN
	t is int = o.ClientSecret
DO
	Trace(ExceptionInfo())
END
IF EmailStartSession(s) THEN
	m is Email
	m.Sender = "ann@example.com"
	m.Recipient.Add("bob@example.org")
	m.Subject = "report"
	m.Message = "hello"
	Trace(EmailSendMessage(s, m))
	EmailCloseSession(s)
ELSE
	Trace(ErrorInfo(errFullDetails))
END
n is int = pw + "!"
""")
    maildir = tmp_path / "outbox"
    r = subprocess.run([sys.executable, "-m", "wlmail", "run", "--capture", str(maildir),
                        "--trace-smtp", str(p)], env=_env(tmp_path), cwd=tmp_path,
                       capture_output=True, text=True, timeout=60)
    _no_bug(r.returncode, r.stderr)
    assert r.returncode == 1 and 'cannot convert "***" to an integer' in r.stderr
    assert "cannot convert" in r.stdout
    for value in (SECRET, secret2):
        assert value not in r.stdout + r.stderr
        for f in tmp_path.rglob("*"):
            if f.is_file() and f != p:
                assert value.encode() not in f.read_bytes(), f
    assert any(maildir.rglob("*")), "capture stored nothing: the test would prove nothing"


def test_a_secret_on_a_continuation_line_is_masked(tmp_path: Path) -> None:
    p = _script(tmp_path, f"""s is emailSMTPSession
s.Password = ...
	"{SECRET}" + Nope()
EmailStartSMTPSession("u", ... // the password follows
	"{SECRET}", Nope2())
x is string = ...
	"visible" + Nope3()
""")
    status, out = check_wl(p)
    assert status == 1 and SECRET not in out
    assert '    \t"***" + Nope()\n    \t        ^~~~\n' in out      # the caret still right
    assert '    \t"***", Nope2())\n' in out
    assert '"visible" + Nope3()' in out                           # nothing secret there


def test_an_attachment_name_too_long_for_the_system_is_a_clear_failure(tmp_path: Path) -> None:
    # EmailLoadAttachment with a 400-character file name ended in OSError (exit 70).
    p = _script(tmp_path, 'm is Email\n'
                          f'Trace(EmailLoadAttachment(m, "{"a" * 400}"))\n'
                          'Trace(ErrorInfo())\n'
                          f'Trace(EmailLoadAttachment("{"b" * 400}") = Null)\n')
    status, out, err = run_wl(p)
    _no_bug(status, err)
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0] == "0" and "cannot attach" in lines[1] and "too long" in lines[1], out
    assert lines[-1] == "1", out
