#!/usr/bin/env python3
"""Helpers for scripts/flood.sh (loopback only, bounded in time).

  flood.py probe URL SECONDS OUT.json [LOCAL-ADDRESS]
      GET URL on a new connection every 20 ms for SECONDS; writes the answer times and statuses.
      From LOCAL-ADDRESS (e.g. 127.0.0.2) when given: a reader other than the flooding client.
  flood.py slow-body HOST PORT SECONDS N PATH...
      N connections per PATH, each sending a POST's headers (Content-Length: 1000) and then one
      byte of its body a second; prints how they ended (the status line the server sent, or none).
  flood.py slow-headers HOST PORT SECONDS N
      N connections that send a request line, then one header line every 2 s; prints how many
      were still open at the end and how many the server closed.
  flood.py summary OUT.json
      p50, p99, max (ms) and non-200 answers of a probe.
"""
import asyncio
import json
import sys
import time
import urllib.parse


async def probe(url, seconds, out, local_address=None):
    parts = urllib.parse.urlsplit(url)
    path = parts.path + ("?" + parts.query if parts.query else "")
    times, statuses = [], {}
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.monotonic()
        status = "timeout"
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(parts.hostname, parts.port,
                                        local_addr=(local_address, 0) if local_address else None), 5)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {parts.hostname}\r\nAccept-Encoding: gzip\r\n"
                         f"Connection: close\r\n\r\n".encode())
            await writer.drain()
            data = await asyncio.wait_for(reader.read(), 10)
            status = data.split(b" ", 2)[1].decode() if data.startswith(b"HTTP/") else "none"
            writer.close()
        except Exception as ex:  # a refused or timed out probe is an answer too
            status = type(ex).__name__
        times.append((time.monotonic() - started) * 1000)
        statuses[status] = statuses.get(status, 0) + 1
        await asyncio.sleep(max(0, 0.02 - (time.monotonic() - started)))
    with open(out, "w") as f:
        json.dump({"times": times, "statuses": statuses}, f)


def summary(out):
    data = json.load(open(out))
    times = sorted(data["times"]) or [0]
    def pct(p):
        return times[min(len(times) - 1, int(len(times) * p))]
    bad = sum(n for s, n in data["statuses"].items() if s != "200")
    print(f"n={len(times)} p50={pct(0.5):.1f}ms p99={pct(0.99):.1f}ms max={times[-1]:.1f}ms non-200={bad}"
          + ("" if not bad else " " + json.dumps(data["statuses"])))


async def slow_body(host, port, seconds, path, results):
    started = time.monotonic()
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except Exception as ex:
        results.append(("connect failed: " + type(ex).__name__, 0))
        return
    writer.write(f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                 f"Content-Length: 1000\r\n\r\n".encode())
    answer = b""
    while time.monotonic() - started < seconds:
        try:
            writer.write(b"a")
            await writer.drain()
        except Exception:
            pass
        try:
            chunk = await asyncio.wait_for(reader.read(4096), 1)
            if not chunk:
                break
            answer += chunk
        except asyncio.TimeoutError:
            continue
        except Exception:
            break
    line = answer.split(b"\r\n", 1)[0].decode(errors="replace") if answer else "(no answer)"
    closed = time.monotonic() - started < seconds
    results.append((line.strip() + (" closed" if closed else " still open"), time.monotonic() - started))
    writer.close()


async def slow_bodies(host, port, seconds, n, paths):
    results = []
    await asyncio.gather(*(slow_body(host, port, seconds, p, results) for p in paths for _ in range(n)))
    kinds = {}
    for line, took in results:
        kinds.setdefault(line, []).append(took)
    for line, took in sorted(kinds.items()):
        print(f"    {len(took):5d} x {line} (after {min(took):.1f}-{max(took):.1f} s)")


async def slow_header(host, port, seconds, counts):
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except Exception:
        counts["refused"] += 1
        return
    counts["opened"] += 1
    started = time.monotonic()
    writer.write(b"GET /reviews/the-400-blows HTTP/1.1\r\nHost: localhost\r\n")
    i = 0
    while time.monotonic() - started < seconds:
        try:
            writer.write(f"X-Slow-{i}: {'a' * 10}\r\n".encode())
            await writer.drain()
            i += 1
            chunk = await asyncio.wait_for(reader.read(4096), 2)
            if not chunk:
                counts["closed by server"] += 1
                return
            counts["answered"] += 1
            return
        except asyncio.TimeoutError:
            continue
        except Exception:
            counts["closed by server"] += 1
            return
    counts["still open at the end"] += 1
    writer.close()


async def slow_headers(host, port, seconds, n):
    counts = {"opened": 0, "refused": 0, "closed by server": 0, "answered": 0, "still open at the end": 0}
    tasks = []
    for i in range(n):
        tasks.append(asyncio.create_task(slow_header(host, port, seconds, counts)))
        if i % 200 == 199:
            await asyncio.sleep(0.05)
    await asyncio.gather(*tasks)
    print("    " + ", ".join(f"{k}: {v}" for k, v in counts.items()))


def main():
    command = sys.argv[1]
    if command == "probe":
        asyncio.run(probe(sys.argv[2], float(sys.argv[3]), sys.argv[4], sys.argv[5] if len(sys.argv) > 5 else None))
    elif command == "summary":
        summary(sys.argv[2])
    elif command == "slow-body":
        asyncio.run(slow_bodies(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), sys.argv[6:]))
    elif command == "slow-headers":
        asyncio.run(slow_headers(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
