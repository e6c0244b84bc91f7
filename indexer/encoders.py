"""The two ways texts become vectors: the model's own torch code (sentence-transformers), or an
int8 ONNX export of the same weights run by ONNX Runtime.

The export is made here, offline, from the weights in the model folder (never downloaded), once
per index folder, and kept in ``<index>/encoders/``; the manifest records which encoder and which
file made an index's vectors, so a server encodes questions with exactly that file. Why not
sentence-transformers' own ``backend="onnx"``: it needs ``optimum``, which would downgrade
transformers 5 to 4.57 in this environment, and its export of the default (SDPA) attention is
not fused by ONNX Runtime. Exporting with eager attention lets ONNX Runtime's BERT optimiser fuse
attention, and dynamic int8 quantisation (per channel, reduced range: these CPUs have AVX2 but no
VNNI, where full-range int8 saturates) then gives about 2x the texts per second on 2 cores; the
figures and the dev-split MRR of each encoder are in docs/benchmarks.md. (Keeping the feed-forward
layers' second MatMul in float brings the vectors closer to torch's, cosine mean 0.9925 -> 0.9961,
but measured no better on dev: hybrid MRR@10 0.834 against 0.842 with everything quantised.)
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import warnings
from pathlib import Path
from typing import Literal

import numpy as np

log = logging.getLogger(__name__)

Encoder = Literal["torch", "onnx-int8"]
# Bump when the export or the way it is run changes what vectors come out.
EXPORT_VERSION = 1
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "config.json", "tokenizer.json")


def encoder_id(encoder: Encoder) -> str:
    """The encoder with the version of its export: what an index and the embedding cache record,
    so vectors of an older export are never mixed with a newer one's."""
    return encoder if encoder == "torch" else f"{encoder}/export-v{EXPORT_VERSION}"


def weights_digest(model_path: str) -> str:
    """A short hash of the model folder's weights, configuration and tokenizer."""
    h = hashlib.sha256()
    for name in _WEIGHT_FILES:
        p = Path(model_path) / name
        if p.exists():
            h.update(name.encode())
            with p.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
    return h.hexdigest()[:16]


def export_file(encoder_dir: Path, model_path: str, encoder: Encoder) -> Path:
    return Path(encoder_dir) / f"{encoder}-{weights_digest(model_path)}-v{EXPORT_VERSION}.onnx"


def ensure_export(encoder_dir: Path, model_path: str, encoder: Encoder) -> Path:
    """The export for these weights, made now if this folder has none yet (a few seconds)."""
    out = export_file(encoder_dir, model_path, encoder)
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    log.info("exporting %s to %s (once per index folder)", model_path, out)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".export-") as tmp:
        fp32 = Path(tmp) / "model.onnx"
        fused = Path(tmp) / "fused.onnx"
        staged = Path(tmp) / out.name
        _export_fp32(model_path, fp32)
        _fuse(fp32, fused, model_path)
        _quantise(fused, staged)
        os.replace(staged, out)  # atomic: a concurrent export of the same file is harmless
    return out


def _pooled(model):
    """The transformer with sentence-transformers' mean pooling and L2 normalisation, so the
    export returns the sentence vector itself (torch is imported only to export)."""
    import torch

    class Pooled(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.inner(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    return Pooled(model)


def _export_fp32(model_path: str, out: Path) -> None:
    import torch
    from transformers import AutoModel

    # Eager attention exports as plain MatMul/Softmax, which ONNX Runtime fuses into one
    # Attention op; the SDPA export is left unfused (measured: 1.6x instead of 2.2x).
    model = AutoModel.from_pretrained(model_path, attn_implementation="eager", local_files_only=True).eval()
    example = torch.ones(2, 16, dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {n: {0: "batch", 1: "tokens"} for n in names} | {"embedding": {0: "batch"}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(_pooled(model), (example, example, torch.zeros_like(example)), str(out),
                          input_names=names, output_names=["embedding"], dynamic_axes=axes,
                          opset_version=17, dynamo=False)


def _fuse(src: Path, out: Path, model_path: str) -> None:
    import json

    from onnxruntime.transformers.optimizer import optimize_model

    cfg = json.loads((Path(model_path) / "config.json").read_text())
    model = optimize_model(str(src), model_type="bert", num_heads=cfg["num_attention_heads"],
                           hidden_size=cfg["hidden_size"], opt_level=1)
    model.save_model_to_file(str(out))


def _quantise(src: Path, out: Path) -> None:
    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # The quantiser's advice to pre-process (shape inference for convolution models) goes to the
    # root logger on every export; it does not apply to this graph.
    def quiet(record: logging.LogRecord) -> bool:
        return "pre-processing before quantization" not in record.getMessage()

    root = logging.getLogger()
    root.addFilter(quiet)
    try:
        quantize_dynamic(str(src), str(out), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True,
                         extra_options={"DefaultTensorType": TensorProto.FLOAT})
    finally:
        root.removeFilter(quiet)


class OnnxEncoder:
    """Runs an export with ONNX Runtime: word pieces from the model's own tokenizer.json, batches
    of similar length (less padding), one vector per text."""

    def __init__(self, file: Path, model_path: str, max_seq_length: int, threads: int | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or os.cpu_count() or 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(file), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(Path(model_path) / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_seq_length)

    def encode(self, texts: list[str], batch_size: int, bar=None) -> np.ndarray:
        pieces = [e.ids for e in self.tokenizer.encode_batch(texts)]
        order = np.argsort([-len(p) for p in pieces], kind="stable")
        out: np.ndarray | None = None
        for start in range(0, len(texts), batch_size):
            rows = order[start: start + batch_size]
            width = max(len(pieces[i]) for i in rows)
            ids = np.zeros((len(rows), width), dtype="int64")
            mask = np.zeros_like(ids)
            for r, i in enumerate(rows):
                ids[r, : len(pieces[i])] = pieces[i]
                mask[r, : len(pieces[i])] = 1
            vecs = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                           "token_type_ids": np.zeros_like(ids)})[0]
            if out is None:
                out = np.zeros((len(texts), vecs.shape[1]), dtype="float32")
            out[rows] = vecs
            if bar is not None:
                bar.update(len(rows))
        return out
