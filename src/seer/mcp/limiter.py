"""The server's worker limiter: how many calls may run, and how many may wait, before one is refused as busy."""

from __future__ import annotations

from ..errors import LimitError


class BoundedLimiter:
    """A worker limiter whose waiting line is bounded: `running` calls at once, `waiting` more queued,
    and any call beyond that fails at once with a `LimitError` ("busy") instead of piling up in memory.

    Drop-in for `anyio.CapacityLimiter` where it is used as `async with limiter` (as
    `anyio.to_thread.run_sync(..., limiter=...)` does). Lives on one event loop."""

    def __init__(self, running: int, waiting: int) -> None:
        import anyio

        self._slots = anyio.Semaphore(running)  # not a CapacityLimiter: a slot is given back by whoever ends the work
        self._running = running
        self.max_waiting = waiting
        self.inside = 0  # running + waiting
        self.refused = 0

    @property
    def total_tokens(self) -> float:
        return self._running

    @property
    def borrowed_tokens(self) -> int:
        return self._running - self._slots.value

    async def __aenter__(self) -> None:
        await self.acquire()

    async def __aexit__(self, *exc: object) -> None:
        self.release()

    async def acquire(self) -> None:
        """A slot, waiting in line when all are busy; a `LimitError` at once when the line is full."""
        running = self._running
        if self.inside >= running + self.max_waiting:
            self.refused += 1
            raise LimitError(
                f"seer is busy: {running} calls running and {self.max_waiting} waiting (the max_queue limit); "
                "retry in a few seconds"
            )
        self.inside += 1
        try:
            await self._slots.acquire()
        except BaseException:
            self.inside -= 1
            raise

    def release(self) -> None:
        """Give the slot back (on the event loop's thread)."""
        self.inside -= 1
        self._slots.release()
