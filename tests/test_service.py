"""The HTTP service: every endpoint and limit through FastAPI's TestClient, then one real uvicorn
process on 127.0.0.1 under concurrent load, oversized and malformed bodies."""
from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import stancelib
from stancelib.service import ServiceSettings, create_app

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# Invented people and companies.
TEXT = "青禾科技CEO罗一鸣表示：“开源模型会成为主流。”云枢智能创始人白景川说：“大模型的机会在To B。”"


@pytest.fixture(scope="module")
def client(nlp):
    settings = ServiceSettings(max_body_bytes=20_000, max_text_chars=5_000, max_batch=3, timeout_s=30)
    with TestClient(create_app(settings, nlp=nlp)) as c:
        yield c


def _code(response) -> str:
    body = response.json()
    assert set(body) >= {"code", "detail"} and body["detail"].startswith(f"[{body['code']}]")
    return body["code"]


def test_extract_returns_the_doc_result(client, nlp):
    r = client.post("/extract", json={"text": TEXT, "doc_id": "a.txt"})
    assert r.status_code == 200
    got = stancelib.DocResult.model_validate(r.json())
    assert got == stancelib.extract_many([("a.txt", TEXT)], nlp=nlp).__next__()
    assert {c.speaker.name for c in got.claims} == {"罗一鸣", "白景川"}
    assert got.text is None  # the caller has the text; it is not echoed


def test_extract_keeps_only_the_requested_topics(client):
    r = client.post("/extract", json={"text": TEXT, "topics": ["tob_vs_toc"]})
    assert r.status_code == 200
    assert {c["topic"] for c in r.json()["claims"]} == {"tob_vs_toc"}
    assert {s["topic"] for s in r.json()["stances"]} == {"tob_vs_toc"}
    r = client.post("/extract", json={"text": TEXT, "topics": ["weather"]})
    assert r.status_code == 422 and _code(r) == "E106" and "scaling_law" in r.json()["detail"]


def test_quotes_endpoint(client):
    r = client.post("/quotes", json={"text": TEXT})
    assert r.status_code == 200
    quotes = [stancelib.Quote.model_validate(q) for q in r.json()]
    assert [q.speaker.name for q in quotes] == ["罗一鸣", "白景川"]
    assert all(TEXT[q.span.start:q.span.end] == q.span.text for q in quotes)


def test_batch_answers_in_order_and_is_bounded(client):
    docs = [{"text": TEXT, "doc_id": f"d{i}"} for i in range(3)]
    r = client.post("/extract/batch", json={"documents": docs})
    assert r.status_code == 200 and [d["doc_id"] for d in r.json()] == ["d0", "d1", "d2"]
    r = client.post("/extract/batch", json={"documents": docs + [{"text": "x"}]})
    assert r.status_code == 413 and _code(r) == "E103"


def test_batch_names_unnamed_documents_by_place_and_refuses_only_the_bad_one(client):
    r = client.post("/extract/batch", json={"documents": [{"text": TEXT}, {"text": "长" * 5_001}, {"text": TEXT, "topics": ["nope"]}]})
    assert r.status_code == 200
    first, long, unknown = r.json()
    assert [first["doc_id"], long["doc_id"], unknown["doc_id"]] == ["doc0", "doc1", "doc2"]
    assert first["error"] is None and first["claims"] and first["quotes"][0]["id"] == "q0"
    assert "[E102]" in long["error"] and "[E106]" in unknown["error"]


def test_topics_and_health(client):
    topics = client.get("/topics").json()
    assert topics["open_vs_closed"]["labels"] == ["open", "closed", "mixed", "neutral"]
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["pipeline"] == list(stancelib.PIPE_NAMES) and health["in_flight"] == 0


def test_openapi_docs(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/extract", "/quotes", "/extract/batch", "/topics", "/health"} <= set(paths)


def test_body_over_the_limit_is_413(client):
    r = client.post("/extract", json={"text": "好" * 10_000})  # about 60 kB of JSON escapes
    assert r.status_code == 413 and _code(r) == "E101" and "20000 bytes" in r.json()["detail"]

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(30):
            yield b" " * 1000

    r = client.post("/extract", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and _code(r) == "E101"


def test_text_over_the_limit_is_413(client):
    r = client.post("/extract", json={"text": "x" * 5_001})
    assert r.status_code == 413 and _code(r) == "E102"


@pytest.mark.parametrize("body, status", [
    (b'{"text": "abc"', 400),                          # not JSON
    ("{\"text\": \"\xe5\xa5\xbd\"}".encode("latin-1"), 200),  # valid UTF-8 bytes of 好: fine
    (b'{"text": "\xff\xfe\xfa"}', 400),                # not UTF-8
    (b'{"text": "\\ud800 lone surrogate"}', 400),      # JSON that decodes to text no encoder can write
    (b'{"text": 42}', 422),                            # wrong type
    (b'{"doc_id": "a"}', 422),                         # missing field
    (b'{"text": "a", "colour": "red"}', 422),          # unknown field
    (b'[1, 2]', 422),                                  # not an object
])
def test_malformed_requests_get_json_errors(client, body, status):
    r = client.post("/extract", content=body, headers={"content-type": "application/json"})
    assert r.status_code == status, r.text
    if status != 200:
        assert _code(r) in ("E105", "E003")
    assert client.get("/health").status_code == 200


def test_time_limit_gives_504_and_the_service_goes_on(nlp):
    settings = ServiceSettings(timeout_s=0.001)
    with TestClient(create_app(settings, nlp=nlp)) as c:
        r = c.post("/extract", json={"text": TEXT * 200})
        assert r.status_code == 504 and _code(r) == "E104" and "0.001 s" in r.json()["detail"]
        assert c.get("/health").status_code == 200


def test_a_crash_in_one_request_is_a_500_and_the_next_succeeds(client, monkeypatch):
    real = stancelib.extract_many

    def flaky(items, **kw):
        items = list(items)
        if items[0][0] == "boom":
            raise RuntimeError("simulated crash")
        return real(items, **kw)

    monkeypatch.setattr(stancelib, "extract_many", flaky)
    r = client.post("/extract", json={"text": TEXT, "doc_id": "boom"})
    assert r.status_code == 500 and _code(r) == "E107"
    r = client.post("/extract/batch", json={"documents": [{"text": TEXT, "doc_id": "boom"}, {"text": TEXT}]})
    assert r.status_code == 200
    first, second = r.json()
    assert "[E107]" in first["error"] and second["claims"]
    assert client.post("/extract", json={"text": TEXT}).status_code == 200


@pytest.mark.parametrize("argv, message", [
    (["serve", "--max-body-mb", "0"], "argument --max-body-mb: expected a positive number"),
    (["serve", "--workers", "-1"], "argument --workers: expected a positive integer"),
])
def test_serve_rejects_bad_limits_in_one_line(argv, message, capsys):
    from stancelib import cli

    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == cli.EXIT_USAGE
    assert message in capsys.readouterr().err


def test_serve_names_a_bad_pipeline_option_before_starting(capsys):
    from stancelib import cli

    assert cli.main(["serve", "--kb", "/no/such/speakers.yaml"]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "[E011]" in err and "Traceback" not in err


# --- one real uvicorn process -----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(port: int, method: str, path: str, body: bytes | None = None, timeout: float = 30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers={"content-type": "application/json"} if body is not None else {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@contextmanager
def _serving(*flags: str):
    """``stancelib serve`` on a free loopback port until it answers /health; killed on the way out."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "stancelib.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                             *flags], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if _request(port, "GET", "/health", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "the service did not start within 90 s"
            time.sleep(0.2)
        yield port, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server():
    with _serving("--max-body-mb", "1", "--threads", "2") as running:
        yield running


def test_real_server_with_two_worker_processes():
    with _serving("--workers", "2", "--threads", "1") as (port, proc):
        answers = [_request(port, "POST", "/extract", json.dumps({"text": TEXT}).encode()) for _ in range(4)]
        assert [status for status, _ in answers] == [200] * 4
        assert json.loads(answers[0][1])["claims"]


def test_real_server_answers_200_concurrent_requests_from_16_threads(server):
    port, proc = server
    text = (FIXTURES / "forum_kaifu_zhilin.txt").read_text(encoding="utf-8")
    body = json.dumps({"text": text, "doc_id": "forum.txt"}, ensure_ascii=False).encode("utf-8")

    def one(_):
        status, data = _request(port, "POST", "/extract", body)
        return status, json.loads(data)["claims"]

    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(one, range(200)))
    assert {status for status, _ in answers} == {200}
    assert answers[0][1] and all(claims == answers[0][1] for _, claims in answers)
    assert proc.poll() is None


def test_real_server_stays_healthy_after_oversized_and_malformed_bodies(server):
    port, proc = server
    status, data = _request(port, "POST", "/extract", b'{"text": "' + b"x" * (3 * 1024 * 1024) + b'"}')
    assert status == 413 and json.loads(data)["code"] == "E101"
    for bad in (b'{"text": ', b'{"text": "\xff\xfe"}', b'{"text": []}', b"\x00\x01\x02"):
        status, data = _request(port, "POST", "/extract", bad)
        assert status in (400, 422) and json.loads(data)["code"] == "E105"
    assert _request(port, "GET", "/health")[0] == 200
    assert _request(port, "POST", "/extract", json.dumps({"text": TEXT}).encode())[0] == 200
    assert proc.poll() is None


def test_real_server_health_answers_while_a_long_document_runs(server):
    port, _ = server
    long_text = "".join(p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))) * 6  # ~90k chars
    body = json.dumps({"text": long_text}, ensure_ascii=False).encode("utf-8")
    done = {}

    def long_request():
        done["status"] = _request(port, "POST", "/extract", body, timeout=120)[0]
        done["at"] = time.monotonic()

    worker = threading.Thread(target=long_request)
    worker.start()
    time.sleep(0.3)
    status, data = _request(port, "GET", "/health", timeout=5)
    health_at = time.monotonic()
    worker.join(timeout=120)
    assert status == 200 and json.loads(data)["in_flight"] == 1  # answered while the document ran
    assert done["status"] == 200 and health_at < done["at"]


def test_a_port_in_use_is_one_coded_error():
    from stancelib.errors import ConfigError
    from stancelib.service import _check_address

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        with pytest.raises(ConfigError, match=r"\[E111\] Cannot listen on 127.0.0.1:%d" % port):
            _check_address("127.0.0.1", port)
    _check_address("127.0.0.1", 0)  # a free port passes
