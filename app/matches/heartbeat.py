"""A round's sign of life while its worker computes: a small thread on its own connection.

The stages mark the round alive as they commit; the solve in between can take minutes on a large
district and commits nothing, so without this a busy worker would look like a dead one.
"""

from __future__ import annotations

import logging
import threading
from types import TracebackType

from sqlalchemy import Engine, update
from sqlalchemy.exc import SQLAlchemyError

from app.core.db import utcnow
from app.matches.models import MatchingRound, RoundStatus

log = logging.getLogger(__name__)


class Heartbeat:
    """``with Heartbeat(engine, round_id, attempt, interval):`` marks the round alive every
    ``interval`` seconds while this attempt still owns it."""

    def __init__(self, engine: Engine, round_id: int, attempt: int, interval: float) -> None:
        self.engine, self.round_id, self.attempt, self.interval = (
            engine,
            round_id,
            attempt,
            interval,
        )
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"round-{round_id}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self.thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stopped.set()
        self.thread.join(timeout=self.interval + 30)

    def _beat(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                with self.engine.begin() as connection:
                    connection.execute(
                        update(MatchingRound)
                        .where(
                            MatchingRound.id == self.round_id,
                            MatchingRound.status == RoundStatus.RUNNING.value,
                            MatchingRound.attempts == self.attempt,
                        )
                        .values(heartbeat_at=utcnow())
                    )
            except SQLAlchemyError:
                # A busy or briefly unreachable database: the next beat tries again; a round
                # silent for the whole timeout is taken over, which is the point.
                log.warning("heartbeat of round %s failed", self.round_id, exc_info=True)
