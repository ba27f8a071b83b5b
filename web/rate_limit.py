"""A limit per client address on the public pages (no login): a token bucket in this process.

One bucket per address holds up to `capacity` requests and refills at `per_second`: a person
browsing never meets it, a script copying the registry page by page does (the open data is
there for that). One process serves a province (`ocop serve`), so memory is the right store;
behind a TLS proxy the address is the client's (`ocop web --https` trusts X-Forwarded-For from
the proxy on 127.0.0.1)."""

import math
import threading
from dataclasses import dataclass, field
from datetime import datetime

from fastapi import Request

from web.auth import now_of
from web.security import client_address

TOO_MANY = ("Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Hãy thử lại sau {seconds} giây "
            "(cần toàn bộ danh sách: tải dữ liệu mở ở trang Tra cứu).")


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after
        self.message = TOO_MANY.format(seconds=retry_after)


@dataclass
class TokenBuckets:
    capacity: float = 60
    per_second: float = 1.0
    # Addresses kept at most: beyond it the buckets full again are forgotten, and if a flood
    # from that many addresses is still under way, every bucket (memory stays bounded).
    max_addresses: int = 10_000
    _buckets: dict[str, tuple[float, datetime]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, address: str, now: datetime) -> int:
        """0 when the request may go ahead (one token taken), else the seconds to wait."""
        with self._lock:
            tokens = self._level(address, now)
            if tokens < 1:
                self._buckets[address] = (tokens, now)
                return max(1, math.ceil((1 - tokens) / self.per_second))
            self._buckets[address] = (tokens - 1, now)
            if len(self._buckets) > self.max_addresses:
                self._forget_full(now)
            return 0

    def _level(self, address: str, now: datetime) -> float:
        tokens, then = self._buckets.get(address, (self.capacity, now))
        elapsed = max(0.0, (now - then).total_seconds())
        return min(self.capacity, tokens + elapsed * self.per_second)

    def _forget_full(self, now: datetime) -> None:
        for address in [a for a in self._buckets if self._level(a, now) >= self.capacity]:
            del self._buckets[address]
        if len(self._buckets) > self.max_addresses:
            self._buckets.clear()

    def addresses(self) -> int:
        return len(self._buckets)


def public_limit(request: Request) -> None:
    """Every public route depends on this: one token per request from the client's address."""
    buckets: TokenBuckets = request.app.state.public_limit
    wait = buckets.take(client_address(request), now_of(request))
    if wait:
        raise RateLimited(wait)

