"""A TCP relay that delays every reply of a server by a fixed latency (bench/spool.py).

    python bench/latency_relay.py LISTEN_PORT TARGET_PORT SECONDS

Postfix's smtp-sink can delay its replies (-w, -W command:delay) only by whole seconds
(`-W mail:0.02` is refused: "non-positive 'mail' delay"), and this machine has no netem
to slow the loopback down; so the 20 ms per reply are added here: each chunk the server
sends is held until SECONDS after it arrived, in order, then passed to the client.
What the client sends goes through at once.  Loopback only.
"""
from __future__ import annotations

import asyncio
import sys
import time


async def _client_to_server(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()


async def _server_to_client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                            delay: float) -> None:
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def pump() -> None:
        while True:
            due, data = await queue.get()
            if not data:
                break
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
        writer.close()

    task = asyncio.ensure_future(pump())
    while data := await reader.read(65536):
        queue.put_nowait((time.monotonic() + delay, data))
    queue.put_nowait((time.monotonic() + delay, b""))
    await task


async def main(listen: int, target: int, delay: float) -> None:
    async def handle(c_reader: asyncio.StreamReader, c_writer: asyncio.StreamWriter) -> None:
        s_reader, s_writer = await asyncio.open_connection("127.0.0.1", target)
        await asyncio.gather(_client_to_server(c_reader, s_writer),
                             _server_to_client(s_reader, c_writer, delay),
                             return_exceptions=True)

    server = await asyncio.start_server(handle, "127.0.0.1", listen)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])))
