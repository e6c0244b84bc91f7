"""Storage: the index folder and the only code that speaks SQL.

Layout::

    DIR/current -> versions/<id>     symlink, swapped atomically on publish
    DIR/versions/<id>/meta.sqlite    documents, parts, items, chunks, chunks_fts, sentences (window
                                     vectors), decisions, decisions_fts, vocabulary, failures
    DIR/versions/<id>/faiss.index    IndexIDMap2 over inner product (vectors are normalised)
    DIR/versions/<id>/columns.npz    every chunk's filter fields as numpy columns (columns.py)
    DIR/versions/<id>/bm25s/         BM25 top-k matrix, from lexical_topk_from chunks (default 20,000; impacts.py)
    DIR/versions/<id>/manifest.json  format version, settings, package versions, counts, checksums
    DIR/embeddings.sqlite            embedding cache by (model, text); append-only, shared
    DIR/encoders/*.onnx              the int8 export of the model, when the settings choose it
    DIR/ocr.sqlite                   OCR'd page text by (file hash, page, OCR settings)
    DIR/sources/<sha256>.<ext>       the original files, for "open the source"

Modules: ``schema`` (tables, column lists, row <-> record mapping), ``manifest`` (typed, with the
format check), ``writer`` (the indexer's side), ``reader`` (the service's and the evals' side),
``caches`` (embeddings, OCR), ``folder`` (versions and connections), ``impacts`` (BM25 top-k
for large archives), ``columns`` (the filter columns).
"""
