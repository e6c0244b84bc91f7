"""The API fuzzed from its own OpenAPI document, as an outsider would: Schemathesis with every check,
100 examples per operation, a fixed seed, against ``minutebook serve`` over real HTTP."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import CLI, ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(docs_index):
    port = _free_port()
    proc = subprocess.Popen([*CLI, "serve", "--index-dir", str(docs_index.dir), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                break
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise AssertionError("server did not start")
            time.sleep(0.5)
    yield base
    proc.terminate()
    proc.wait(timeout=20)


def test_schemathesis_finds_no_failure(served, tmp_path):
    st = Path(sys.executable).with_name("st")
    res = subprocess.run([str(st), "run", f"{served}/openapi.json", "--checks", "all", "--max-examples", "100",
                          "--seed", "1", "--report-json-path", str(tmp_path / "report.json"), "--no-color"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=900)
    out = res.stdout + res.stderr
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / "schemathesis.txt").write_text(out)
    assert res.returncode == 0, out[-4000:]
    m = re.search(r"(\d+) generated, (\d+) passed", out)
    assert m and m.group(1) == m.group(2) and int(m.group(1)) >= 1000, out[-2000:]
    assert "Selected: 11/11" in out


def test_an_overlong_request_line_gets_the_json_error(served):
    """Past uvicorn's own 16 KB request-line limit the app still answers, in its error shape."""
    host, port = served.removeprefix("http://").split(":")
    target = "/api/search?q=" + "a" * 70_000
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414"), head[:200]
    assert json.loads(body)["error"]["code"] == "uri_too_long"
