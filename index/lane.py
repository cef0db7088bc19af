"""A second dense model over the passages of one language, kept in a sibling Chroma collection.

The default index embeds every passage with multilingual e5. all-MiniLM-L6-v2 ranks English passages
differently (better for retrieval on the English eval set, see README), so a lane can hold MiniLM vectors
for the English passages; the retriever fuses its ranking with the others for non-Chinese questions.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from assistant.errors import ConfigError, NoIndexError
from assistant.settings import Settings
from index.cache import EmbeddingCache
from index.embed import Embedder, embed_text, get_embedder
from index.store import Store

_BATCH = 64


@dataclass
class Lane:
    """Where the lane's vectors live, which model makes them, and which passages it covers."""
    store: Store
    embedder: Embedder
    language: str = "en"

    def live(self) -> bool:
        """Whether the lane exists and was built by this lane's model (else retrieval leaves it out)."""
        try:
            return self.store.embedder_name() == self.embedder.name
        except NoIndexError:
            return False


def lane_for(settings: Settings) -> Lane | None:
    """The English lane named by settings.english_embedder, or None when it is off."""
    name = settings.english_embedder
    if name in ("", "none") or name == settings.embedder:
        return None
    try:
        embedder = get_embedder(name)
    except ConfigError as exc:   # say which setting is wrong: there are two embedder settings
        raise ConfigError(f"ASSISTANT_ENGLISH_EMBEDDER: {exc}") from None
    return Lane(Store(settings, name=f"{settings.collection}--en"), embedder)


def sync_lane(lane: Lane, main: Store, settings: Settings, progress: Callable[[str], None]) -> tuple[int, int]:
    """Make the lane hold exactly the main index's passages in its language; (added, removed).

    It is derived from the main collection alone, so a killed run is completed by the next one and a
    lane switched on later catches up with everything already indexed.
    """
    target = {c.chunk_id: c for c in main.all() if c.meta.get("language") == lane.language}
    try:
        built_with = lane.store.embedder_name()
    except NoIndexError:
        built_with = None
    if built_with not in (None, lane.embedder.name):
        lane.store.drop()
    lane.store.collection(create=True, embedder=lane.embedder.name)
    have = set(lane.store.manifest())
    add = [cid for cid in target if cid not in have]
    cache = EmbeddingCache(settings.data_dir / "embeddings.sqlite", lane.embedder.name)
    for i in range(0, len(add), _BATCH):
        batch = [target[cid] for cid in add[i:i + _BATCH]]
        vectors, _ = cache.embed([embed_text(c.meta.get("title") or "", c.text) for c in batch], lane.embedder)
        metas = [{"doc_id": c.meta["doc_id"], "collection": c.meta.get("collection", ""),
                  "language": lane.language, "embedder": lane.embedder.name} for c in batch]
        lane.store.upsert([c.chunk_id for c in batch], [c.text for c in batch], metas, vectors)
        progress(f"{lane.embedder.name} lane: {min(i + _BATCH, len(add))}/{len(add)} {lane.language} passages")
    gone = [cid for cid in have if cid not in target]
    lane.store.delete(gone)
    return len(add), len(gone)
