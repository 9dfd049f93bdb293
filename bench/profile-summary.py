#!/usr/bin/env python3
"""Where the time goes in an async-profiler collapsed-stacks file (bench/profile.sh).

CPU profile: the share of samples in each layer (the innermost on the stack), then the top
frames by self time and by inclusive time. Wall-clock profile with a thread name
(profile-summary.py FILE exec): what the request threads wait for, and where their busy time goes.
"""
import collections
import sys

# Each sample goes to the innermost layer on its stack (first match walking from the leaf), so
# the shares add up to 100%: "Spring Security" is the filters' own work, not the page under them.
LAYERS = [
    ("JIT compiler", ("CompileBroker", "C2Compiler", "C1Compiler", "Compile::", "CompilerThread")),
    ("GC", ("G1", "GCTaskThread", "WorkerThread::run", "ConcurrentGCThread", "SerialHeap", "GenCollectedHeap", "VM_GC")),
    ("PostgreSQL JDBC (driver, socket)", ("org/postgresql/",)),
    ("Hikari pool", ("com/zaxxer/hikari/",)),
    ("Jackson", ("tools/jackson/", "com/fasterxml/jackson/")),
    ("gzip (Deflater)", ("java/util/zip/",)),
    ("logging (logback)", ("ch/qos/logback/",)),
    ("Micrometer / observation", ("io/micrometer/",)),
    ("Hibernate", ("org/hibernate/",)),
    ("Spring Data / transactions / AOP", ("org/springframework/data/", "org/springframework/transaction/", "org/springframework/aop/", "org/springframework/orm/", "org/springframework/jdbc/")),
    ("Thymeleaf (and SpEL under it)", ("org/thymeleaf/", "org/springframework/expression/")),
    ("site code (com/bestever)", ("com/bestever/",)),
    ("Spring MVC", ("org/springframework/web/servlet/", "org/springframework/web/method/", "org/springframework/web/bind/", "org/springframework/http/")),
    ("Spring Session", ("org/springframework/session/",)),
    ("Spring Security", ("org/springframework/security/",)),
    ("other Spring (filters, core)", ("org/springframework/",)),
    ("Tomcat (connector, valves, access log)", ("org/apache/catalina/", "org/apache/coyote/", "org/apache/tomcat/")),
    ("JVM / other threads", ("",)),
]



# Wall-clock profiles (bench/profile.sh with EVENT=wall): what a request thread is doing or
# waiting for, decided by the innermost matching frame.
WAITS = [
    ("idle (no request to serve)", ("LinkedBlockingQueue.take", "TaskQueue.take", "TaskQueue.poll", "LinkedBlockingQueue.poll")),
    ("waiting for PostgreSQL (socket read)", ("org/postgresql/core/VisibleBufferedInputStream",)),
    ("waiting for a pool connection (Hikari)", ("com/zaxxer/hikari/pool/HikariPool.getConnection",)),
    # Only the park inside the permit's tryAcquire: BusyLimit's frame is on every request's stack.
    ("waiting for a BusyLimit permit", ("com/bestever/system/BusyLimit.doFilterInternal;java/util/concurrent/Semaphore.tryAcquire",)),
    ("waiting for another render of the page", ("com/bestever/system/PublicPageCache.await",)),
    ("writing the response (socket)", ("sun/nio/ch/SocketDispatcher.write", "NioSocketWrapper.doWrite")),
    ("reading the request (socket)", ("sun/nio/ch/SocketDispatcher.read", "NioSocketWrapper.fillReadBuffer")),
]


def wall(stacks, thread):
    """Share of a request thread's wall time per state (running code or waiting)."""
    mine = {s: c for s, c in stacks.items() if thread in s.split(";")[0]}
    total = sum(mine.values()) or 1
    print(f"wall samples on threads matching {thread!r}: {total}")
    shares = collections.Counter()
    for s, c in mine.items():
        frames = s.split(";")
        name = "running (CPU or runnable)"
        for i in range(len(frames) - 1, -1, -1):
            pair = frames[i - 1] + ";" + frames[i] if i > 0 else frames[i]
            hit = next((n for n, needles in WAITS if any(x in frames[i] or (";" in x and x in pair) for x in needles)), None)
            if hit:
                name = hit
                break
        shares[name] += c
    for name, c in shares.most_common():
        print(f"{100.0 * c / total:6.1f}%  {name}")
    busy = {s: c for s, c in mine.items() if not any(x in s for x in WAITS[0][1])}
    print()
    print("## of the time a request is in flight (idle excluded), per layer")
    layers(busy)


def layers(stacks):
    total = sum(stacks.values()) or 1
    shares = collections.Counter()
    for s, c in stacks.items():
        name = LAYERS[-1][0]
        for fr in reversed(s.split(";")):
            hit = next((n for n, needles in LAYERS[:-1] if any(x in fr for x in needles)), None)
            if hit:
                name = hit
                break
        shares[name] += c
    for name, _ in LAYERS:
        if shares[name]:
            print(f"{100.0 * shares[name] / total:6.1f}%  {name}")


def main(path, thread=None):
    stacks = collections.Counter()
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            stack, _, count = line.rpartition(" ")
            stacks[stack] += int(count)
    if thread:
        wall(stacks, thread)
        return
    total = sum(stacks.values()) or 1
    print(f"samples: {total}")
    print()
    print("## layers (each sample in the innermost layer on its stack)")
    layers(stacks)
    selfs = collections.Counter()
    incl = collections.Counter()
    for s, c in stacks.items():
        frames = s.split(";")
        selfs[frames[-1]] += c
        for fr in set(frames):
            incl[fr] += c
    print()
    print("## top 40 frames by self time")
    for fr, c in selfs.most_common(40):
        print(f"{100.0 * c / total:6.1f}%  {fr[:160]}")
    print()
    print("## top 60 com/bestever, Spring, Thymeleaf and Hibernate frames by inclusive time")
    shown = 0
    for fr, c in incl.most_common():
        if any(p in fr for p in ("com/bestever", "org/springframework", "org/thymeleaf", "org/hibernate")):
            print(f"{100.0 * c / total:6.1f}%  {fr[:160]}")
            shown += 1
            if shown == 60:
                break


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
