"""Peak memory: `wlmail run bench/memory.wl` against an equivalent aiosmtplib script.

Both send one message with a 20 MiB attachment (random bytes, so base64 cannot shrink
it) to an aiosmtpd server in a process of its own.  Peak resident memory is the child
process's ru_maxrss (os.wait4).  Prints both peaks, the idle interpreters' peaks for
reference, and the ratio wlmail / script (target: at most 1.5).

    python bench/memory.py [--size-mib 20]
"""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from bulk import HERE, PY, env_with, sink_server, timed


def baseline(port: int, path: str) -> None:
    import asyncio
    from email.message import EmailMessage
    from email.utils import formatdate, make_msgid

    import aiosmtplib

    async def main() -> None:
        msg = EmailMessage()
        msg["From"] = "Bench Sender <bench@example.com>"
        msg["To"] = "rcpt@example.org"
        msg["Subject"] = "Large attachment"
        msg["Date"] = formatdate(localtime=True)
        msg["Message-ID"] = make_msgid(domain="example.com")
        msg.set_content("The file is attached.\n")
        msg.add_attachment(Path(path).read_bytes(), maintype="application",
                           subtype="octet-stream", filename=Path(path).name)
        smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, start_tls=False)
        await smtp.connect()
        await smtp.send_message(msg)
        await smtp.quit()

    asyncio.run(main())
    print("sent 1 of 1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mib", type=int, default=20)
    parser.add_argument("--baseline", nargs=2, metavar=("PORT", "FILE"), help=argparse.SUPPRESS)
    ns = parser.parse_args()
    if ns.baseline:
        baseline(int(ns.baseline[0]), ns.baseline[1])
        return

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.bin"
        with open(data, "wb") as f:
            for _ in range(ns.size_mib):
                f.write(os.urandom(1 << 20))
        idle_wl = Path(tmp) / "idle.wl"
        idle_wl.write_text('Info("idle")\n')
        with sink_server(size_limit=64 << 20) as port:
            env = env_with(WLMAIL_BENCH_PORT=str(port), WLMAIL_BENCH_FILE=str(data))
            runs = {
                "wlmail": [PY, "-m", "wlmail", "run", str(HERE / "memory.wl")],
                "aiosmtplib script": [PY, str(Path(__file__).resolve()), "--baseline",
                                      str(port), str(data)],
            }
            idle = {
                "wlmail": [PY, "-m", "wlmail", "run", str(idle_wl)],
                "aiosmtplib script": [PY, "-c", "import asyncio, email.message, aiosmtplib"],
            }
            peak: dict[str, int] = {}
            for name, cmd in runs.items():
                seconds, rss, out, _ = timed(cmd, env)
                if "sent 1 of 1" not in out:
                    raise SystemExit(f"{name} did not send the message: {out.strip()!r}")
                _, idle_rss, _, _ = timed(idle[name], env)
                peak[name] = rss
                print(f"{name:>18}: peak {rss / 1024:6.1f} MiB (idle interpreter "
                      f"{idle_rss / 1024:5.1f} MiB, +{(rss - idle_rss) / 1024:5.1f} MiB "
                      f"for the message), {seconds:.2f} s")
    ratio = peak["wlmail"] / peak["aiosmtplib script"]
    print(f"{ns.size_mib} MiB attachment: ratio {ratio:.2f}x "
          f"(target <= 1.5x: {'met' if ratio <= 1.5 else 'MISSED'})")


if __name__ == "__main__":
    main()
