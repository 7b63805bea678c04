"""Adaptive concurrency: halve once per round of refusals, honour Retry-After, grow back on success."""

from __future__ import annotations

import asyncio

from report_copilot.drafting.rate import AdaptiveLimit, parse_retry_after


def test_refusals_of_one_round_halve_the_limit_once() -> None:
    async def run() -> tuple[int, int, float]:
        limit = AdaptiveLimit(8, window=60)
        rounds = [await limit.acquire() for _ in range(4)]
        for started in rounds:  # four requests of the same round refused together
            limit.release()
            limit.overloaded(started, 0.05, 1)
        halved = limit.limit
        later = await limit.acquire()  # waits out the pause, starts in the next round
        limit.release()
        limit.overloaded(later, 0.05, 2)
        return halved, limit.limit, limit.waited

    halved, again, waited = asyncio.run(run())
    assert halved == 4 and again == 2 and waited > 0


def test_successes_grow_the_limit_back_to_the_maximum() -> None:
    async def run() -> list[int]:
        limit = AdaptiveLimit(4, window=60)
        started = await limit.acquire()
        limit.release()
        limit.overloaded(started, 0.01, 1)
        seen = [limit.limit]
        for _ in range(20):
            await limit.acquire()
            limit.release()
            limit.succeeded()
            seen.append(limit.limit)
        return seen

    seen = asyncio.run(run())
    assert seen[0] == 2 and seen[-1] == 4 and seen == sorted(seen)


def test_a_pause_beyond_the_window_gives_up() -> None:
    async def run() -> float:
        limit = AdaptiveLimit(2, window=1)
        started = await limit.acquire()
        limit.release()
        return limit.overloaded(started, 30.0, 1)

    assert asyncio.run(run()) == 0.0


def test_retry_after_forms() -> None:
    assert parse_retry_after("2") == 2.0 and parse_retry_after("0.5") == 0.5
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # a date in the past: no wait
