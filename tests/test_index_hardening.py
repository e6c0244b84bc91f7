"""Indexing under bad files, kills, a second indexer, a full disk and a read-only folder: the good
files are indexed, each bad one is named with its reason, nothing already indexed is lost, and
the exit code says which kind of trouble it was (README "Exit codes")."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import CLI, DOCS, ROOT, run_cli
from storage.caches import cached_vectors as _rows


def test_unreadable_files_and_links_are_named_and_the_rest_indexed(tmp_path, docs_index):
    papers = tmp_path / "papers"
    shutil.copytree(DOCS, papers)
    (papers / "locked.txt").symlink_to("/proc/self/mem")  # reading it fails, even as root
    (papers / "gone.txt").symlink_to(tmp_path / "no-such-file.txt")
    (papers / "back").symlink_to(papers)
    (papers / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00" * 20)
    index = tmp_path / "index"
    index.mkdir()
    shutil.copy2(docs_index.dir / "embeddings.sqlite", index / "embeddings.sqlite")
    res = run_cli("index", papers, "--index-dir", index, "--no-progress")
    assert res.returncode == 1, res.stderr
    failed = {line.split(":")[0].removeprefix("FAILED ") for line in res.stderr.splitlines() if line.startswith("FAILED")}
    assert failed == {"locked.txt", "gone.txt", "back/", "binary.txt"}, res.stderr
    assert "broken symbolic link" in res.stderr and "symbolic link loop" in res.stderr
    assert "cannot be read" in res.stderr and "binary data" in res.stderr
    assert f"{len(list(DOCS.iterdir()))} documents" in res.stdout


def test_a_killed_build_keeps_its_embeddings_and_a_second_indexer_is_refused_at_once(tmp_path, docs_index):
    total = _rows(docs_index.dir / "embeddings.sqlite")
    index = tmp_path / "index"
    proc = subprocess.Popen([*CLI, "index", str(DOCS), "--index-dir", str(index), "--no-progress",
                             "--config", str(ROOT / "tests" / "fixtures" / "plain-settings.json")],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 600
        while _rows(index / "embeddings.sqlite") == 0 and time.time() < deadline and proc.poll() is None:
            time.sleep(0.5)
        # While it embeds, a second run into the same folder is refused before any work.
        second = run_cli("index", DOCS, "--index-dir", index, "--no-progress")
        assert second.returncode == 3 and "being indexed by another process" in second.stderr, second.stderr
        assert proc.poll() is None, "the first run was still embedding when the second was refused"
        while _rows(index / "embeddings.sqlite") < total / 2 and time.time() < deadline and proc.poll() is None:
            time.sleep(0.2)
        assert proc.poll() is None, "the build ended before half its texts were embedded"
        proc.kill()  # SIGKILL: no clean-up runs
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    kept = _rows(index / "embeddings.sqlite")
    assert kept >= total / 2 - 1
    res = run_cli("index", DOCS, "--index-dir", index, "--no-progress",
                  "--config", ROOT / "tests" / "fixtures" / "plain-settings.json")
    assert res.returncode == 0, res.stderr
    again = _rows(index / "embeddings.sqlite") - kept
    assert _rows(index / "embeddings.sqlite") == total
    assert again <= total * 0.55, f"re-embedded {again} of {total} texts after a kill at {kept}"
    assert not list((index / "versions").glob(".staging-*"))


@pytest.fixture
def small_disk(tmp_path):
    """A 20 MB file system (tmpfs): the index folder runs out of space for real."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(mnt)], capture_output=True, text=True)
    if res.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {res.stderr.strip()}")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_a_full_disk_is_one_line_and_loses_nothing(small_disk, docs_index):
    index = small_disk / "index"
    one = small_disk / "one"
    one.mkdir()
    shutil.copy2(ROOT / "corpus" / "2018-pcc-accountability-meeting-minutes-extract.txt", one)
    assert run_cli("index", one, "--index-dir", index, "--no-progress").returncode == 0
    before = (index / "current").resolve()
    for _ in range(2):  # a second try leaves nothing behind either
        res = run_cli("index", ROOT / "corpus", "--index-dir", index, "--no-progress")
        assert res.returncode == 3, res.stderr
        lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
        assert lines[-1].startswith("error: ") and "disk is full" in lines[-1], res.stderr
        assert "Traceback" not in res.stderr
        assert not list((index / "versions").glob(".staging-*"))
        assert (index / "current").resolve() == before
    res = run_cli("search", "accountability meeting", "--index-dir", index, "--json")
    assert res.returncode == 0 and '"results"' in res.stdout


def test_a_read_only_index_folder_is_refused_before_any_work(small_disk, docs_index):
    index = small_disk / "index"
    index.mkdir()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        res = run_cli("-v", "index", DOCS, "--index-dir", index, "--no-progress")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert res.returncode == 3, res.stderr
    assert "cannot be written" in res.stderr and "Traceback" not in res.stderr
    assert "loading embedding model" not in res.stderr  # refused before the model loads


def test_a_folder_whose_every_file_fails_is_served_saying_so(tmp_path):
    from fastapi.testclient import TestClient

    from indexer.settings import Settings
    from service.app import create_app

    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "empty.txt").write_text("")
    (papers / "binary.txt").write_bytes(b"\x00" * 100)
    index = tmp_path / "index"
    res = run_cli("index", papers, "--index-dir", index, "--no-progress")
    assert res.returncode == 1 and "0 documents" in res.stdout
    assert (index / "current" / "faiss.index").exists()
    with TestClient(create_app(Settings(index_dir=index))) as c:
        assert c.get("/healthz").json() == {"status": "ok", "chunks": 0}
        page = c.get("/").text
        assert "The index holds no documents yet" in page and "empty.txt" in page and "binary data" in page
        assert c.get("/api/search", params={"q": "budget"}).json()["results"] == []


def test_a_text_over_the_size_limit_is_refused_with_the_setting_named(tmp_path, docs_index):
    papers = tmp_path / "papers"
    papers.mkdir()
    shutil.copy2(ROOT / "corpus" / "2018-pcc-accountability-meeting-minutes-extract.txt", papers)
    line = "The Panel noted the report on policing in the county and asked for an update next year.\n\n"
    (papers / "huge.txt").write_text("MINUTES\n\n" + line * 30_000)  # about 2.7 MB
    config = tmp_path / "settings.json"
    config.write_text('{"max_text_mb": 1}')
    index = tmp_path / "index"
    index.mkdir()
    shutil.copy2(docs_index.dir / "embeddings.sqlite", index / "embeddings.sqlite")
    res = run_cli("index", papers, "--index-dir", index, "--no-progress", "--config", config)
    assert res.returncode == 1, res.stderr
    assert "FAILED huge.txt: its text is 3 MB, over the 1 MB limit (max_text_mb" in res.stderr
    assert "1 documents" in res.stdout
