"""Short garbage-collector pauses while a big corpus is open.

Python's cyclic garbage collector now and then walks every container object it tracks.
With a 10,000-article corpus and the embedding model in memory that is over 650,000
objects and a 0.3-0.5 s pause, which lands on whatever tab switch happens to trigger it.
Once a corpus and the model are loaded, ``settle`` moves everything alive out of the
collector's sight (``gc.freeze``): those objects live as long as the corpus stays open
anyway, and later collections only walk what was made since. Settling for the next
corpus first lets the collector see everything once, so a corpus left behind is
collected like any garbage.
"""

from __future__ import annotations

import gc
import threading
import weakref

# Owners settled for, by id; the weak reference tells a live owner from a new one that got its id.
_settled: dict[int, weakref.ref[object]] = {}
_lock = threading.Lock()


def settle(owner: object) -> bool:
    """Freeze what is loaded now, once per ``owner`` (an opened corpus); True when it did.

    Costs one full collection (0.3-0.5 s on a 10k corpus), so it runs in the background
    worker after the first story's tabs, when the model and the corpus's tables are loaded.
    """
    with _lock:
        known = _settled.get(id(owner))
        if known is not None and known() is owner:
            return False
        _settled[id(owner)] = weakref.ref(owner)
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        return True
