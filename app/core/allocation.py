"""Building hundreds of thousands of small objects quickly (100k-line reads and loads)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a big batch of objects is made.

    Each new container counts toward a collection that walks every live object; making 100k
    Lines (each with its lists) sets it off over and over, which more than doubled read and load
    times. None of these objects is in a cycle, so collecting can wait until the batch is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
