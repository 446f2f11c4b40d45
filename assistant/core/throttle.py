"""A per-user token bucket: a flood from one user slows that user down, nobody else."""

from __future__ import annotations

import threading
import time


class Throttle:
    """Soft, per-process limit (each worker keeps its own buckets; that is fine for politeness)."""

    def __init__(self, *, rate: float = 2.0, burst: int = 8, clock=time.monotonic):
        if rate <= 0 or burst <= 0:
            raise ValueError(f"rate and burst must be > 0, got {rate}, {burst}")
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets: dict[int, tuple[float, float, bool]] = {}
        self._lock = threading.Lock()

    @classmethod
    def unlimited(cls) -> Throttle:
        return cls(rate=1e9, burst=10**9)

    def allow(self, user_id: int) -> tuple[bool, bool]:
        """(allowed, first refusal since the last allowed message): warn once, then stay quiet."""
        with self._lock:
            now = self.clock()
            tokens, last, warned = self._buckets.get(user_id, (float(self.burst), now, False))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1:
                # The warning re-arms only once the user has paused long enough to refill the bucket.
                self._buckets[user_id] = (tokens - 1, now, warned and tokens < self.burst)
                return True, False
            self._buckets[user_id] = (tokens, now, True)
            if len(self._buckets) > 10000:
                self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 60}
            return False, not warned
