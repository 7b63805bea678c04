"""Adaptive concurrency for one draft run (AIMD), so a busy endpoint slows the run instead of failing it.

The run starts with the configured maximum of requests in flight. An overload answer (429, 503)
halves the limit — once per round of requests, not once per refused request — and pauses every new
request until the server's Retry-After (or an exponential backoff when it gives none); each success
grows the limit back by one per round. A refused request is retried until the run's retry window is
used up, not a fixed number of times, so rate limiting alone never sends a unit to the template.
`waited` is the wall time the run spent paused, for the one summary line the CLI prints.
"""

from __future__ import annotations

import asyncio
import random


class AdaptiveLimit:
    """An asyncio semaphore whose size follows the server's answers (one event loop only)."""

    def __init__(self, maximum: int, *, window: float) -> None:
        self.maximum = max(1, maximum)
        self.limit = self.maximum
        self.window = window
        self.in_flight = 0
        self.waited = 0.0
        self.overloads = 0
        self._round = 0
        self._successes = 0
        self._pause_until = 0.0
        self._changed = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        self._deadline = self._loop.time() + window

    @property
    def remaining(self) -> float:
        """Seconds left of the retry window."""
        return self._deadline - self._loop.time()

    async def acquire(self) -> int:
        """Wait for a free slot; returns the round the request starts in (for `overloaded`)."""
        while True:
            now = self._loop.time()
            if self._pause_until > now:
                await asyncio.sleep(self._pause_until - now)
                continue
            if self.in_flight < self.limit:
                self.in_flight += 1
                return self._round
            self._changed.clear()
            await self._changed.wait()

    def release(self) -> None:
        self.in_flight -= 1
        self._changed.set()

    def succeeded(self) -> None:
        """Additive increase: one more slot after a round's worth of successes."""
        self._successes += 1
        if self.limit < self.maximum and self._successes >= self.limit:
            self.limit += 1
            self._successes = 0
            self._changed.set()

    def overloaded(self, started_round: int, retry_after: float | None, attempt: int) -> float:
        """Multiplicative decrease and a pause; returns the pause (0 when the window is used up)."""
        self.overloads += 1
        if started_round == self._round:
            self.limit = max(1, self.limit // 2)
            self._round += 1
            self._successes = 0
        pause = retry_after if retry_after is not None else min(30.0, 0.5 * 2**attempt)
        pause = max(0.05, pause) * (1 + random.uniform(0, 0.1))  # spread the retries a little
        if pause > self.remaining:
            return 0.0
        now = self._loop.time()
        until = now + pause
        if until > self._pause_until:
            self.waited += until - max(self._pause_until, now)
            self._pause_until = until
        return pause


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None when absent or unusable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    from datetime import UTC, datetime

    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
