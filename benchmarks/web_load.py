"""A bounded loopback load test of the web app: simulated officers asking and following up.

Run:  python benchmarks/web_load.py [--officers 200] [--seconds 60] [--workers 3] [--no-baseline]

Starts `uvicorn --factory web.asgi:create --workers N` on 127.0.0.1 (shared mode: identity
from a header, as behind a council's reverse proxy), then runs the officers for a fixed
time; each one, over and over: opens the ask page, asks a question, answers its follow-up,
opens a cited clause, pausing 1-3 s (seeded) between pages as a person reads. Each officer has
one earlier gift in a throw-away register, so every gift answer looks in it as in a council. Every request
goes to 127.0.0.1 only, the run stops by itself, and the server is stopped at the end.

First the same officers run against `benchmarks/web_baseline.py` (fixed pages of the same
size, same workers), so the app's page times are also given as a ratio to a baseline
measured in the same run (`--no-baseline` skips it). Reports page times (p50/p95/max over
every request), errors, requests per second, each
worker's memory (RSS) sampled through the run, and the memory per concurrent officer against
`conduct serve`, which runs one chat process per browser tab (measured here as the RSS of one
`python -m tui` process once it is ready to answer, started in a pseudo-terminal).
"""

from __future__ import annotations

import argparse
import asyncio
import html
import os
import pty
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
HEADER = "X-Remote-User"
CONVERSATIONS = [
    ("county", "Can I accept a gift?", "a £40 bottle of whisky from a supplier"),
    ("thurrock", "Can I accept this £30 gift from a contractor?", "what if it were a pen?"),
    ("gloucester", "Do I need permission for a second job?", "it is paid work at weekends for a charity"),
    ("essex", "My partner's firm is bidding for a contract I manage", "yes, I manage the contract"),
    ("town", "Can I accept hospitality from a supplier?", "a dinner worth £60"),
]
FIELDS = re.compile(r'name="(csrf|state)" value="([^"]*)"')
CLAUSE_LINK = re.compile(r'href="(/(?:thurrock|county|town|gloucester|essex)/[^"#?]+)"')


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    """uvicorn's worker processes (not multiprocessing's resource tracker)."""
    try:
        pids = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return [p for p in pids if b"resource_tracker" not in _cmdline(p)]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Connection:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: the load generator shares the
    machine's two cores with the workers, so it must cost far less per request than they do."""

    def __init__(self, host: str, port: int, headers: dict[str, str]):
        self.host, self.port, self.headers = host, port, headers
        self.cookies: dict[str, str] = {}
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str]:
        for attempt in (0, 1):  # a keep-alive connection the server has just closed is reopened once
            try:
                return await self._send(method, path, form)
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    async def _send(self, method: str, path: str, form: dict[str, str] | None) -> tuple[int, str]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        body = urlencode(form).encode() if form is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", f"Content-Length: {len(body)}"]
        lines += [f"{k}: {v}" for k, v in self.headers.items()]
        if form is not None:
            lines.append("Content-Type: application/x-www-form-urlencoded")
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        assert self.reader is not None
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        length = 0
        for line in head[1:]:
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "content-length":
                length = int(value)
            elif name == "set-cookie":
                key, _, rest = value.partition("=")
                cookie = rest.split(";", 1)[0]
                if cookie and "Max-Age=0" not in value:
                    self.cookies[key] = cookie
                else:
                    self.cookies.pop(key, None)
        text = (await self.reader.readexactly(length)).decode("utf-8") if length else ""
        return status, text

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def officer(number: int, port: int, until: float, times: list[float], errors: list[str]) -> None:
    rng = random.Random(number)
    council, question, follow_up = CONVERSATIONS[number % len(CONVERSATIONS)]
    client = Connection("127.0.0.1", port, {HEADER: f"officer{number}"})

    async def page(method: str, url: str, form: dict[str, str] | None = None) -> str | None:
        started = time.perf_counter()
        try:
            status, text = await client.request(method, url, form)
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            errors.append(f"{method} {url}: {type(exc).__name__}")
            return None
        times.append(time.perf_counter() - started)
        if status not in (200, 303):
            errors.append(f"{method} {url}: {status}")
            return None
        return text

    await asyncio.sleep(rng.uniform(0, 3))  # officers arrive over the first seconds, not all at once
    while time.monotonic() < until:
        text = await page("GET", "/ask")
        for line in (question, follow_up):
            if text is None or time.monotonic() >= until:
                break
            fields = {k: html.unescape(v) for k, v in FIELDS.findall(text)}
            await asyncio.sleep(rng.uniform(1, 3))
            if await page("POST", "/ask", {**fields, "council": council, "question": line}) is None:
                break
            text = await page("GET", "/ask")
        links = CLAUSE_LINK.findall(text or "")
        if links and time.monotonic() < until:
            await asyncio.sleep(rng.uniform(1, 3))
            await page("GET", links[0])
        if time.monotonic() < until:
            reset = {k: html.unescape(v) for k, v in FIELDS.findall(text or "")}
            await page("POST", "/ask/reset", {"csrf": reset.get("csrf", "")})
            await asyncio.sleep(rng.uniform(1, 3))
    await client.close()


async def sample_memory(master: int, until: float, samples: dict[int, list[int]]) -> None:
    while time.monotonic() < until:
        for pid in children(master):
            samples.setdefault(pid, []).append(rss_kb(pid))
        await asyncio.sleep(2)


async def drive(port: int, officers: int, seconds: float, master: int) -> tuple[list[float], list[str], dict[int, list[int]], float]:
    until = time.monotonic() + seconds
    times: list[float] = []
    errors: list[str] = []
    samples: dict[int, list[int]] = {}
    started = time.perf_counter()
    await asyncio.gather(sample_memory(master, until, samples),
                         *(officer(n, port, until, times, errors) for n in range(officers)))
    return times, errors, samples, time.perf_counter() - started


def wait_ready(base: str, deadline: float) -> None:
    import httpx

    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/ask", headers={HEADER: "probe"}, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("the web app did not start")


def chat_process_rss(settle: float = 10.0) -> int:
    """RSS (kB) of one chat process, as `conduct serve` starts for each browser tab, once it has loaded."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(sys.executable, [sys.executable, "-m", "tui", "--council", "thurrock"])
    end = time.monotonic() + settle
    peak = 0
    while time.monotonic() < end:
        try:
            os.read(fd, 65536)
        except OSError:
            break
        peak = max(peak, rss_kb(pid))
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return peak


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def seed_register(officers: int) -> str:
    """A throw-away register with one earlier gift per officer, so each gift answer looks in it, as in a council."""
    import tempfile
    from datetime import date, timedelta

    from assistant.register.model import Draft
    from assistant.register.store import Store

    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='conduct-web-load-')) / 'register.db'}"
    earlier = (date.today() - timedelta(days=30)).isoformat()
    for number in range(officers):
        with Store(url, user=f"officer{number}", role="officer") as store:
            store.record(Draft(kind="gift", giver="Acme Ltd", description="Box of biscuits", value="£10",
                               offered_on=earlier, outcome="accepted", approver="manager"))
    return url


def load(factory: str, args: argparse.Namespace, env: dict[str, str]) -> dict:
    """Serve `factory` with uvicorn's workers on loopback, drive the officers against it, stop it."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", factory, "--host", "127.0.0.1",
                               "--port", str(port), "--workers", str(args.workers), "--log-level", "warning",
                               "--no-access-log", "--timeout-keep-alive", "30"], cwd=ROOT, env=env)
    try:
        wait_ready(f"http://127.0.0.1:{port}", time.monotonic() + 120)
        time.sleep(3)  # every worker warmed up (each loads the index and spaCy at start)
        idle = {pid: rss_kb(pid) for pid in children(server.pid)}
        times, errors, samples, elapsed = asyncio.run(drive(port, args.officers, args.seconds, server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"times": times, "errors": errors, "samples": samples, "elapsed": elapsed, "idle": idle}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officers", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--no-baseline", action="store_true", help="skip the fixed-page baseline run")
    args = parser.parse_args()
    args.officers, args.seconds = min(args.officers, 1000), min(args.seconds, 600)  # bounded, whatever is asked

    env = {**os.environ, "CONDUCT_WEB_SECRET": secrets.token_urlsafe(32), "CONDUCT_WEB_IDENTITY_HEADER": HEADER,
           "CONDUCT_DATABASE_URL": seed_register(args.officers)}
    base = None if args.no_baseline else load("benchmarks.web_baseline:create", args, env)
    run = load("web.asgi:create", args, env)
    chat_kb = chat_process_rss()
    times, errors, samples, elapsed, idle = (run[k] for k in ("times", "errors", "samples", "elapsed", "idle"))

    print(f"web app: {args.officers} officers for {args.seconds:.0f} s against {args.workers} uvicorn workers "
          f"on 127.0.0.1 (1-3 s reading pauses)")
    print(f"  requests: {len(times)} ({len(times) / elapsed:.1f}/s), errors: {len(errors)}")
    if errors:
        print("  first errors:", errors[:5])
    if times:
        print(f"  page time: p50 {statistics.median(times) * 1000:.1f} ms, p95 {percentile(times, 0.95) * 1000:.1f} ms, "
              f"p99 {percentile(times, 0.99) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms")
    if base is not None and base["times"] and times:
        b = base["times"]
        print(f"baseline (the same officers against fixed pages, same workers, just before): {len(b)} requests, "
              f"{len(base['errors'])} errors, p50 {statistics.median(b) * 1000:.1f} ms, "
              f"p95 {percentile(b, 0.95) * 1000:.1f} ms")
        print(f"  web app / baseline: p50 {statistics.median(times) / statistics.median(b):.1f}x, "
              f"p95 {percentile(times, 0.95) / percentile(b, 0.95):.1f}x")
    total_end = 0
    for pid, series in sorted(samples.items()):
        start = idle.get(pid, series[0])
        total_end += series[-1]
        print(f"  worker {pid}: RSS idle {start / 1024:.0f} MB, first sample {series[0] / 1024:.0f} MB, "
              f"last {series[-1] / 1024:.0f} MB, max {max(series) / 1024:.0f} MB ({len(series)} samples)")
    per_user_web = total_end / max(1, args.officers)
    print(f"  memory per concurrent officer: {per_user_web / 1024:.2f} MB "
          f"({total_end / 1024:.0f} MB over {args.workers} workers / {args.officers} officers)")
    print(f"conduct serve: one chat process per browser tab, {chat_kb / 1024:.0f} MB each once ready "
          f"-> {chat_kb / max(per_user_web, 1):.0f}x the web app's memory per officer")
    try:
        load_avg = os.getloadavg()
        print(f"load average at the end: {load_avg[0]:.1f} {load_avg[1]:.1f} {load_avg[2]:.1f} (2 cores)")
    except OSError:
        pass
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
