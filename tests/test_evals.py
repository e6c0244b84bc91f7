"""The evaluator: every metric on small hand-computed cases, gold loading errors, the paired tests,
BEIR round trip, and one end-to-end ``minutebook eval`` run on a small real index."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from evals import compare as cmp
from evals.beir import BeirData, read_beir, write_beir
from evals.gold import GoldQuestion, load_questions
from evals.harness import QuestionResult, evaluate, evaluate_answers, evaluate_qrels
from evals.metrics import (abstention_accuracy, answer_recall, citation_precision, false_abstention_rate, hit_at,
                           percentile, standard_measures)
from evals.naive import windows

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "tests" / "fixtures" / "docs"
L2 = math.log2


# --- metrics ------------------------------------------------------------------------------------


def test_hit_at_k():
    ranked = [False, False, True, False]
    assert [hit_at(ranked, k) for k in (1, 2, 3, 10)] == [0.0, 0.0, 1.0, 1.0]
    assert hit_at([], 5) == 0.0
    assert hit_at([True], 1) == 1.0


def test_mrr_and_ndcg_binary():
    # Relevant a and b; ranked x, a, y, b.
    qrels = {"q": {"a": 1, "b": 1}}
    run = {"q": {"x": 4.0, "a": 3.0, "y": 2.0, "b": 1.0}}
    m = standard_measures(qrels, run)["q"]
    assert m["RR@10"] == pytest.approx(1 / 2)
    dcg = 1 / L2(3) + 1 / L2(5)
    idcg = 1 + 1 / L2(3)
    assert m["nDCG@10"] == pytest.approx(dcg / idcg)


def test_ndcg_graded_uses_grades_as_gains():
    # a is grade 2, b grade 1; ranked x, b, a: DCG = 1/log2(3) + 2/log2(4); ideal a, b = 2 + 1/log2(3).
    m = standard_measures({"q": {"a": 2, "b": 1}}, {"q": {"x": 3.0, "b": 2.0, "a": 1.0}})["q"]
    assert m["nDCG@10"] == pytest.approx((1 / L2(3) + 2 / L2(4)) / (2 + 1 / L2(3)))
    assert m["RR@10"] == pytest.approx(1 / 2)


def test_measures_cut_at_10_and_empty_runs_score_zero():
    run = {f"d{i}": float(100 - i) for i in range(12)}  # relevant d11 at rank 12: outside the cut
    m = standard_measures({"q": {"d11": 1}, "empty": {"a": 1}}, {"q": run})
    assert m["q"] == {"RR@10": 0.0, "nDCG@10": 0.0}
    assert m["empty"] == {"RR@10": 0.0, "nDCG@10": 0.0}


def test_abstention_accuracy_and_false_abstention():
    abstained = [True, False, True, False, True]
    answerable = [False, False, True, True, False]
    assert abstention_accuracy(abstained, answerable) == pytest.approx(2 / 3)
    assert false_abstention_rate(abstained, answerable) == pytest.approx(1 / 2)
    assert abstention_accuracy([True], [True]) is None


def test_citation_precision_and_answer_recall():
    rel = lambda t: "evidence" in t  # noqa: E731
    assert citation_precision(["has evidence", "nothing", "evidence again"], rel) == pytest.approx(2 / 3)
    assert citation_precision([], rel) is None
    assert answer_recall(["nothing", "the evidence"], rel) == 1.0
    assert answer_recall(["nothing"], rel) == 0.0
    assert answer_recall([], rel) == 0.0


def test_percentiles_match_numpy():
    xs = [12.0, 3.0, 7.0, 100.0, 5.0]
    for p in (0, 50, 95, 100):
        assert percentile(xs, p) == pytest.approx(float(np.percentile(xs, p)))
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([1, 2, 3, 4], 95) == pytest.approx(3.85)
    assert math.isnan(percentile([], 50))


# --- the harness on a hand-made collection --------------------------------------------------------


def _gold(id, question, evidence, answerable=True, tags=(), split="dev"):
    return GoldQuestion(id, question, list(evidence), answerable, list(tags), split)


COLLECTION = {
    "1": "The Panel AGREED the budget of £1.2m.",
    "2": "Nothing of interest here.",
    "3": "The budget, of £1.2m, was agreed again later.",  # same words, not the quote
    "4": "Mr Smith was appointed chair.",
}


def test_evaluate_scores_by_evidence_quote():
    qs = [_gold("a", "budget?", ["agreed the budget of £1.2m"], tags=["number"]),
          _gold("b", "chair?", ["Mr Smith was appointed"], tags=["who"], split="heldout"),
          _gold("u", "weather?", [], answerable=False, tags=["unanswerable"])]
    ranked = {"budget?": ["2", "1", "3"], "chair?": ["2", "3"], "weather?": ["4"]}
    rep = evaluate("t", qs, lambda q: [(i, COLLECTION[i]) for i in ranked[q]], COLLECTION)
    a, b, u = rep.questions
    assert a.relevant_ranks == [2] and a.hits == {"hit@1": 0.0, "hit@3": 1.0, "hit@5": 1.0, "hit@10": 1.0}
    assert a.mrr10 == pytest.approx(0.5) and a.ndcg10 == pytest.approx(1 / L2(3))
    assert a.n_relevant == 1
    assert b.relevant_ranks == [] and b.mrr10 == 0.0 and b.n_relevant == 1
    assert u.hits["hit@10"] == 0.0
    s = rep.summary()
    assert s["questions"] == 3 and s["answerable"] == 2
    assert s["hit@1"] == 0.0 and s["hit@3"] == 0.5
    assert s["MRR@10"] == pytest.approx(0.25)
    assert "abstention_accuracy" not in s


class _P(SimpleNamespace):
    pass


def _answer(answered, cited):
    from service.answers import Answer, Citation

    passages = [_P(id=int(i), text=COLLECTION[i]) for i in COLLECTION]
    return Answer("q", "text", answered, [Citation(n, i, "quote") for n, i in enumerate(cited, 1)], passages)


def test_evaluate_answers_abstention_citations_recall():
    qs = [_gold("a", "budget?", ["agreed the budget of £1.2m"]),
          _gold("b", "chair?", ["Mr Smith was appointed"]),
          _gold("c", "again?", ["Mr Smith was appointed"]),
          _gold("u1", "weather?", [], answerable=False),
          _gold("u2", "rain?", [], answerable=False)]
    rep = evaluate("hybrid", qs, lambda q: [], COLLECTION)
    answers = {"budget?": _answer(True, ["1", "2", "1"]),  # 2 of 3 citations hold the quote
               "chair?": _answer(True, ["2"]),  # answered, cites nothing relevant
               "again?": _answer(False, []),  # wrongly abstained
               "weather?": _answer(False, []),  # right
               "rain?": _answer(True, ["4"])}  # answered an unanswerable one
    def ask(q):
        time.sleep(0.02)  # the harness times the whole ask: this one takes at least 20 ms
        return answers[q]

    evaluate_answers(rep, qs, ask)
    by = {r.id: r for r in rep.questions}
    assert by["a"].citation_precision == pytest.approx(2 / 3) and by["a"].answer_recall == 1.0
    assert by["b"].citation_precision == 0.0 and by["b"].answer_recall == 0.0
    assert by["c"].abstained and by["c"].citation_precision is None and by["c"].answer_recall == 0.0
    s = rep.summary()
    assert s["abstention_accuracy"] == pytest.approx(0.5)  # u1 abstained, u2 did not
    assert s["false_abstention_rate"] == pytest.approx(1 / 3)
    assert s["decision_accuracy"] == pytest.approx(3 / 5)
    assert s["citation_precision"] == pytest.approx((2 / 3 + 0.0) / 2)
    assert s["answer_recall"] == pytest.approx(1 / 3)
    assert 20 <= s["ask_p50_ms"] < 2000 and s["ask_p95_ms"] >= s["ask_p50_ms"]


def test_evaluate_qrels_graded():
    corpus = {"d1": "one", "d2": "two", "d3": "three"}
    rep = evaluate_qrels("t", [("q1", "x"), ("q2", "y")], {"q1": {"d1": 2, "d2": 1, "d3": 0}, "q2": {"d3": 1}},
                         lambda q: [(d, corpus[d]) for d in ("d3", "d2", "d1")])
    q1, q2 = rep.questions
    assert q1.relevant_ranks == [2, 3]  # grade 0 is not relevant
    assert q1.ndcg10 == pytest.approx((1 / L2(3) + 2 / L2(4)) / (2 + 1 / L2(3)))
    assert q2.hits["hit@1"] == 1.0 and q2.mrr10 == 1.0


def test_naive_windows_are_fixed_token_runs():
    from indexer.tokens import cl100k

    text = " ".join(f"word{i}" for i in range(700))
    ws = windows(text, 256)
    n = len(cl100k().encode_ordinary(text))
    assert [len(cl100k().encode_ordinary(w)) for w in ws[:-1]] == [256] * (len(ws) - 1)
    assert len(ws) == math.ceil(n / 256)
    assert windows("", 256) == []


# --- gold loading errors ----------------------------------------------------------------------------


GOOD = {"id": "q1", "question": "what?", "evidence": ["a quote"], "answerable": True, "tags": ["fact"],
        "split": "dev"}


def _write(tmp_path, lines):
    p = tmp_path / "q.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


@pytest.mark.parametrize("bad, words", [
    ({k: v for k, v in GOOD.items() if k != "answerable"}, ["missing field 'answerable'"]),
    ({**GOOD, "tags": "fact"}, ["field 'tags' must be list"]),
    ({**GOOD, "evidence": []}, ["field 'evidence'", "answerable"]),
    ({**GOOD, "split": "test"}, ["field 'split'"]),
    ({**GOOD, "evidence": ["ok", 3]}, ["field 'evidence' item 1"]),
    ({**GOOD, "question": " "}, ["field 'question'"]),
])
def test_gold_errors_name_line_and_field(tmp_path, bad, words):
    p = _write(tmp_path, [json.dumps({**GOOD, "id": "q0"}), "", json.dumps(bad)])
    with pytest.raises(ValueError) as exc:
        load_questions(p)
    msg = str(exc.value)
    assert "line 3" in msg, msg
    for w in words:
        assert w in msg, msg


def test_gold_bad_json_and_duplicate_id(tmp_path):
    with pytest.raises(ValueError, match=r"line 2: not valid JSON"):
        load_questions(_write(tmp_path, [json.dumps(GOOD), "{oops"]))
    with pytest.raises(ValueError, match=r"line 2: field 'id' duplicates 'q1' of line 1"):
        load_questions(_write(tmp_path, [json.dumps(GOOD), json.dumps(GOOD)]))


def test_gold_split_filter(tmp_path):
    p = _write(tmp_path, [json.dumps(GOOD), json.dumps({**GOOD, "id": "q2", "split": "heldout"})])
    assert [q.id for q in load_questions(p, "dev")] == ["q1"]
    assert [q.id for q in load_questions(p, "heldout")] == ["q2"]
    assert len(load_questions(p, "all")) == 2


def test_shipped_gold_file_loads():
    qs = load_questions(ROOT / "evals" / "questions.jsonl")
    assert len(qs) >= 100 and {q.split for q in qs} == {"dev", "heldout"}


# --- paired significance tests -----------------------------------------------------------------------


def test_permutation_test_exact_known_answer():
    # 5 questions, B better on every one: only the all-plus and all-minus sign assignments are as
    # extreme as the observed one, so p = 2 / 2^5.
    assert cmp.permutation_test([0.0] * 5, [1.0] * 5) == pytest.approx(2 / 32)
    assert cmp.permutation_test([0.3, 0.5], [0.3, 0.5]) == 1.0
    # Ties (zero differences) do not count; {+1, +1, -1}: |sum| >= 1 for every assignment.
    assert cmp.permutation_test([0, 0, 1, 5], [1, 1, 0, 5]) == 1.0


def test_permutation_test_monte_carlo_matches_binomial():
    from scipy.stats import binom

    # 14 questions where B wins by 1, 6 where A wins by 1: the sign-flip null is Binomial(20, 1/2).
    a = [0.0] * 14 + [1.0] * 6
    b = [1.0] * 14 + [0.0] * 6
    exact = 2 * binom.sf(13, 20, 0.5)  # P(>= 14 plus signs) * 2 = 0.1153
    p = cmp.permutation_test(a, b)
    assert p == pytest.approx(exact, abs=0.015)
    assert cmp.permutation_test(a, b) == p  # fixed seed: the same p every run
    assert cmp.permutation_test([0.0] * 30, [1.0] * 30) == pytest.approx(1 / 10001)


def test_wilcoxon_and_sign_test():
    assert cmp.wilcoxon_test([0.1, 0.2], [0.2, 0.3]) is None  # too few pairs to say anything
    rng = np.random.default_rng(1)
    a = rng.random(30)
    p = cmp.wilcoxon_test(list(a), list(a + 0.2 + rng.random(30) * 0.01))
    assert p is not None and p < 0.001
    assert cmp.sign_test([0] * 5, [1] * 5) == pytest.approx(2 / 32)
    assert cmp.sign_test([1, 0], [1, 0]) is None


def _results(scores: dict[str, list[float]]) -> dict:
    configs = {}
    for name, hits in scores.items():
        qs = []
        for i, h in enumerate(hits):
            r = QuestionResult(f"q{i}", "?", True, "dev", [], [], [1] if h else [],
                               {f"hit@{k}": h for k in (1, 3, 5, 10)}, h, h, 10.0)
            qs.append(r.to_json())
        configs[name] = {"summary": {"questions": len(qs), "p50_ms": 10.0, "p95_ms": 12.0}, "questions": qs}
    return {"meta": {"split": "dev"}, "configs": configs}


def test_compare_pairs_by_question():
    a = _results({"hybrid": [0.0] * 5, "dense": [1.0] * 5})
    b = _results({"hybrid": [1.0] * 5, "bm25": [1.0] * 5})
    rows = cmp.compare(a, b)
    assert {r.config for r in rows} == {"hybrid"}
    hit1 = next(r for r in rows if r.metric == "hit@1")
    assert (hit1.n, hit1.a, hit1.b, hit1.diff) == (5, 0.0, 1.0, 1.0)
    assert hit1.p_perm == pytest.approx(2 / 32) and hit1.other == "sign"
    mrr = next(r for r in rows if r.metric == "MRR@10")
    assert mrr.other == "wilcoxon" and mrr.p_other is None  # 5 pairs: too few for Wilcoxon
    assert "| hybrid | hit@1 | 5 | 0.000 | 1.000 | +1.000 | 0.062 | 0.062 | sign |" in cmp.markdown(rows, "a", "b")


@pytest.fixture(scope="module")
def model(embedder):
    """The session's model, handed to the eval command too (it loads one model per process)."""
    from evals import run

    run._EMBEDDERS.setdefault((str(embedder.model_path), embedder.model_name), embedder)
    return embedder


# --- BEIR -----------------------------------------------------------------------------------------


def _tiny_beir() -> BeirData:
    corpus = {"d1": {"title": "Speed watch", "text": "758 people volunteer for speed-watch schemes in the county."},
              "d2": {"title": "Drones", "text": "The Constabulary introduced two drones in July 2017."},
              "d3": {"title": "", "text": "The budget is forecast to overspend by £1.036m."}}
    queries = {"q1": "how many speed watch volunteers", "q2": "when did the police start using drones",
               "q3": "unjudged query"}
    qrels = {"q1": {"d1": 2, "d3": 0}, "q2": {"d2": 1}}
    return BeirData(corpus, queries, qrels)


def test_beir_round_trip(tmp_path):
    data = _tiny_beir()
    write_beir(tmp_path / "b", data)
    lines = (tmp_path / "b" / "qrels" / "test.tsv").read_text().splitlines()
    assert lines[0] == "query-id\tcorpus-id\tscore" and "q1\td1\t2" in lines
    first = json.loads((tmp_path / "b" / "corpus.jsonl").read_text().splitlines()[0])
    assert first == {"_id": "d1", **data.corpus["d1"]}
    back = read_beir(tmp_path / "b")
    assert (back.corpus, back.queries, back.qrels) == (data.corpus, data.queries, data.qrels)
    write_beir(tmp_path / "c", back)
    for name in ("corpus.jsonl", "queries.jsonl", "qrels/test.tsv"):
        assert (tmp_path / "b" / name).read_text() == (tmp_path / "c" / name).read_text()


def test_every_evals_input_names_the_bad_line_the_same_way(tmp_path):
    """Gold questions, BEIR files and decision labels share one reader and one error wording."""
    import subprocess
    import sys

    from conftest import ROOT

    write_beir(tmp_path / "b", _tiny_beir())
    corpus = tmp_path / "b" / "corpus.jsonl"
    corpus.write_text(corpus.read_text() + "[1, 2]\n")
    n = len(corpus.read_text().splitlines())
    with pytest.raises(ValueError, match=rf"corpus.jsonl line {n}: each line must be a JSON object"):
        read_beir(tmp_path / "b")
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "doc.jsonl").write_text('{"kind": "resolution", "quote": "x"}\n{"kind": \n')
    run = subprocess.run([sys.executable, str(ROOT / "evals" / "decisions_eval.py"), "--labels", str(labels)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "doc.jsonl line 2: not valid JSON" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


def test_beir_in_runs_our_retrievers(tmp_path, model):
    from evals.run import main

    write_beir(tmp_path / "b", _tiny_beir())
    assert main(["--beir-in", str(tmp_path / "b"), "--out", str(tmp_path / "out"),
                 "--cache-dir", str(tmp_path / "cache")]) == 0
    res = json.loads((tmp_path / "out" / "results.json").read_text())
    assert set(res["configs"]) == {"dense", "bm25", "hybrid"} and "naive" in res["skipped"]
    for c in res["configs"].values():
        assert c["summary"]["questions"] == 2  # q3 has no qrels
        assert c["summary"]["hit@3"] == 1.0  # 3 passages: every relevant one is in the top 3
    q1 = next(q for q in res["configs"]["dense"]["questions"] if q["id"] == "q1")
    assert q1["ranked_ids"][0] == "d1"


# --- end to end on a small real index ---------------------------------------------------------------


E2E_QUESTIONS = [
    {"id": "e1", "question": "who was appointed as the new independent co-opted member of the police and crime panel",
     "evidence": ["APPOINTED Mr Peter Hill to the vacant post of co-opted independent member"], "answerable": True,
     "tags": ["who", "decision"], "split": "dev", "source": "2017-11-28-panel-minutes-extract.pdf"},
    {"id": "e2", "question": "how many volunteers were doing community speed checks across the county",
     "evidence": ["He felt that the 758 people engaged in speed-watch schemes across the County"], "answerable": True,
     "tags": ["number", "paraphrase"], "split": "dev"},
    {"id": "e3", "question": "forecast overspend on the 2024/25 group revenue budget",
     "evidence": ["The total Group Revenue Budget is forecast to overspend by £1.036m (0.49% of net revenue budget)."],
     "answerable": True, "tags": ["number"], "split": "heldout"},
    {"id": "e4", "question": "what colour are the new fire engines in Reykjavik", "evidence": [], "answerable": False,
     "tags": ["unanswerable"], "split": "dev"},
]


@pytest.fixture(scope="module")
def small_index(tmp_path_factory, model):
    from indexer.pipeline import build_index
    from indexer.settings import Settings

    d = tmp_path_factory.mktemp("evals") / "index"
    pdfs = [DOCS / "2017-11-28-panel-minutes-extract.pdf", DOCS / "2025-01-29-accountability-report-item5.pdf"]
    report = build_index(pdfs, Settings(index_dir=d, show_progress=False), embedder=model)
    assert report.published and not report.failed
    return d


@pytest.fixture(scope="module")
def e2e_run(tmp_path_factory, small_index):
    from evals.run import main

    tmp = tmp_path_factory.mktemp("evalrun")
    qfile = tmp / "questions.jsonl"
    qfile.write_text("".join(json.dumps(q) + "\n" for q in E2E_QUESTIONS), encoding="utf-8")
    out = tmp / "out"
    code = main(["--questions", str(qfile), "--index-dir", str(small_index), "--split", "all", "--out", str(out),
                 "--cache-dir", str(tmp / "cache")])
    return SimpleNamespace(code=code, out=out, questions=qfile, tmp=tmp)


def test_eval_command_end_to_end(e2e_run, capsys):
    assert e2e_run.code == 0
    for name in ("results.json", "report.md", "chart.png"):
        assert (e2e_run.out / name).stat().st_size > 0, name
    res = json.loads((e2e_run.out / "results.json").read_text())
    assert set(res["configs"]) == {"dense", "bm25", "hybrid", "naive"}
    assert "hybrid+rerank" in res["skipped"] and "--reranker" in res["skipped"]["hybrid+rerank"]
    assert res["meta"]["split"] == "all" and res["meta"]["best_baseline"] in {"dense", "bm25", "naive"}
    for name, c in res["configs"].items():
        s = c["summary"]
        assert s["questions"] == 4 and s["answerable"] == 3, name
        assert {"hit@1", "hit@3", "hit@5", "hit@10", "MRR@10", "nDCG@10", "p50_ms", "p95_ms"} <= set(s)
        assert 0 <= s["MRR@10"] <= s["hit@10"] <= 1
        assert [q["id"] for q in c["questions"]] == ["e1", "e2", "e3", "e4"]
    hybrid = res["configs"]["hybrid"]["summary"]
    assert {"abstention_accuracy", "citation_precision", "answer_recall", "ask_p50_ms"} <= set(hybrid)
    assert hybrid["hit@10"] == 1.0  # easy questions, 71 passages
    md = (e2e_run.out / "report.md").read_text()
    assert "Split: all" in md and "## By tag" in md and "## By split" in md and "## Failed questions" in md
    by_source = md.split("## By source document", 1)[1].split("\n## ", 1)[0]
    assert "| 2017-11-28-panel-minutes-extract.pdf | 1 |" in by_source and "| (none) |" in by_source
    assert (e2e_run.out / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_compare_command(e2e_run, capsys):
    from evals.run import main

    res = e2e_run.out / "results.json"
    assert main(["--compare", str(res), str(res)]) == 0
    out = capsys.readouterr().out
    assert "| hybrid | MRR@10 | 3 |" in out and "p (perm)" in out
    assert main(["--compare", str(res), str(e2e_run.tmp / "missing.json")]) == 2
    assert main(["--compare", f"{res}#bm25", f"{res}#hybrid"]) == 0
    assert "| bm25 → hybrid | MRR@10 | 3 |" in capsys.readouterr().out
    assert main(["--compare", f"{res}#bm25", f"{res}#nope"]) == 2


def test_beir_out_of_gold_and_index(e2e_run, small_index, tmp_path):
    from evals.run import main

    assert main(["--questions", str(e2e_run.questions), "--index-dir", str(small_index), "--split", "all",
                 "--beir-out", str(tmp_path / "b")]) == 0
    data = read_beir(tmp_path / "b")
    assert len(data.corpus) > 20
    assert set(data.queries) == {"e1", "e2", "e3"}  # the unanswerable question has no qrels
    for qid, docs in data.qrels.items():
        q = next(x for x in E2E_QUESTIONS if x["id"] == qid)
        g = GoldQuestion(qid, q["question"], q["evidence"], True, [])
        assert docs and all(g.is_relevant(data.corpus[d]["text"]) for d in docs)


def test_usage_errors(tmp_path, capsys):
    from evals.run import main

    q = str(ROOT / "evals" / "questions.jsonl")
    assert main(["--questions", q, "--index-dir", str(tmp_path / "nothing")]) == 2
    assert "no index" in capsys.readouterr().err
    assert main(["--questions", q, "--configs", "dense,magic", "--index-dir", str(tmp_path)]) == 2
    assert "unknown config magic" in capsys.readouterr().err
