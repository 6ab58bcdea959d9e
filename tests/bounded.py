"""A hang guard for tests of pathological input: a CPU-time alarm, not a stopwatch.

Speed is measured by benchmarks/; a test only has to fail, rather than run for minutes,
when a pattern starts to backtrack. CPU time does not grow when the machine is busy, so
the guard cannot fail a healthy run on a loaded CI machine.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cpu_limit(seconds: float, what: str = "this input") -> Iterator[None]:
    def overrun(signum, frame):
        raise AssertionError(f"{what} used over {seconds:g} s of CPU time")

    previous = signal.signal(signal.SIGPROF, overrun)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
