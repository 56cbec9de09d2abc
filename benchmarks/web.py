"""Benchmark: 50 concurrent users on the dashboard for 60 s, over loopback only.

Starts `jsw serve` on an imported, computed database, adds a board member, logs 50 sessions
in, then each session requests the scorecard, a random PI page or the reports list in a loop
(one keep-alive connection each) for the given time, reading each page for a random 0.5 to
1.5 s (`--think 1`; `--think 0` is a stress test with no pause at all). Reports the latency
percentiles, the throughput and every error, to stdout and to benchmarks/results/web-<name>.md.
The load generator runs on the same 2-core machine as the server: the figures are conservative.

    # once: the dataset of benchmarks/README.md, imported and computed, then
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python benchmarks/web.py --name scale15-years10

The target (issue 8): p95 <= 200 ms with no errors.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
JSW = [sys.executable, "-c", "from jsw.cli import run; run()"]
USER, PASSWORD = "bench-board", "a long benchmark password"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def log_in(port: int) -> str:
    """A session cookie for the board member (loopback only)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/accounts/login/")
    response = connection.getresponse()
    page = response.read().decode()
    csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert csrf and token, "no CSRF token on the login page"
    body = f"username={USER}&password={PASSWORD.replace(' ', '+')}"
    body += f"&csrfmiddlewaretoken={token.group(1)}"
    connection.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf.group(1)}",
        },
    )
    response = connection.getresponse()
    response.read()
    session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie") or "")
    assert response.status == 302 and session, f"login failed ({response.status})"
    connection.close()
    return f"sessionid={session.group(1)}"


def user_loop(
    port: int,
    cookie: str,
    paths: list[str],
    until: float,
    out: list[tuple[float, int]],
    think: float = 0.0,
) -> None:
    rng = random.Random(cookie)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.perf_counter() < until:
        path = rng.choice(paths)
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        out.append((time.perf_counter() - started, status))
        if think:
            time.sleep(rng.uniform(0.5 * think, 1.5 * think))
    connection.close()


def warm(port: int, cookie: str, paths: list[str]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for path in paths:
        connection.request("GET", path, headers={"Cookie": cookie})
        connection.getresponse().read()
    connection.close()


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by a process and its descendants (Linux /proc;
    0 elsewhere): on a shared machine, the server's CPU per request is steadier than its
    latency."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        used[pid] = (int(fields[11]) + int(fields[12])) / ticks
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += used.get(pid, 0.0)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", default="local")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--threads", type=int, default=8, help="`jsw serve --threads`")
    parser.add_argument(
        "--processes", type=int, default=0, help="`jsw serve --processes` (0: its default)"
    )
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between pages")
    args = parser.parse_args()
    env = {**os.environ, "CI": "1"}
    subprocess.run(
        [*JSW, "users", "add", USER, "--role", "board", "--password-stdin"],
        input=PASSWORD + "\n",
        text=True,
        env=env,
        capture_output=True,
        check=False,
    )
    port = free_port()
    serve = ["serve", "--port", str(port), "--threads", str(args.threads)]
    if args.processes:
        serve += ["--processes", str(args.processes)]
    server = subprocess.Popen(
        [*JSW, *serve],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                cookie = log_in(port)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("the server did not start")
                time.sleep(0.5)
        from jsw import bootstrap

        bootstrap.setup(migrate=False)
        from jsw.framework.catalogue import load_catalogue

        paths = ["/", "/reports/"] + [f"/pi/{pi.id}/" for pi in load_catalogue().indicators]
        # Warm-up: every page, so that each is built and kept before the clock starts.
        for _ in range(2):
            warm(port, cookie, paths)
        cookies = [log_in(port) for _ in range(args.users)]
        results: list[list[tuple[float, int]]] = [[] for _ in cookies]
        server_cpu = tree_cpu(server.pid)
        client_cpu = time.process_time()
        until = time.perf_counter() + args.seconds
        threads = [
            threading.Thread(target=user_loop, args=(port, c, paths, until, results[i], args.think))
            for i, c in enumerate(cookies)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        server_cpu = tree_cpu(server.pid) - server_cpu
        client_cpu = time.process_time() - client_cpu
        load = os.getloadavg()
    finally:
        server.terminate()
        server.wait(timeout=30)
    samples = [s for per_user in results for s in per_user]
    times = [t * 1000 for t, _ in samples]
    errors = sum(1 for _, status in samples if status != 200)
    lines = [
        f"# Dashboard under load: {args.name}",
        "",
        f"- {args.users} users, {args.seconds} s, think time {args.think} s on average,"
        f" `jsw {' '.join(serve[:1] + serve[3:])}`, loopback,"
        f" load generator on the same machine ({os.cpu_count()} cores)",
        f"- requests: {len(samples):,} ({len(samples) / args.seconds:.0f}/s), errors: {errors}",
        f"- latency ms: p50 {percentile(times, 0.5):.0f}, p95 {percentile(times, 0.95):.0f},"
        f" p99 {percentile(times, 0.99):.0f}, max {max(times):.0f},"
        f" mean {statistics.mean(times):.0f}",
        f"- CPU: server {server_cpu:.1f} s ({server_cpu * 1000 / max(len(samples), 1):.1f} ms"
        f" a request), load generator {client_cpu:.1f} s;"
        f" load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
        f"- target p95 <= 200 ms with no errors: "
        f"{'met' if percentile(times, 0.95) <= 200 and not errors else 'NOT met'}",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    (HERE / "results" / f"web-{args.name}.md").write_text(report)


if __name__ == "__main__":
    main()
