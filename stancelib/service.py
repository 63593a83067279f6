"""The HTTP service: ``stancelib serve`` (FastAPI on uvicorn). Endpoints and limits: docs/service.md.

- ``POST /extract`` ``{text, doc_id?, topics?}`` -> a DocResult; ``POST /quotes`` -> its quotes;
  ``POST /extract/batch`` ``{documents: [...]}`` -> DocResults in order; ``GET /topics``; ``GET /health``;
  OpenAPI at ``/docs`` and ``/openapi.json``.
- Each worker process loads the pipeline once at start-up and warms it; documents run in a thread pool
  sized to the cores, so the event loop (and ``/health``) stays free while long documents run.
- Every error is JSON ``{"code": "E1xx", "detail": "..."}``: 413 past the body, text or batch limit,
  504 past the time limit, 400 for malformed JSON or undecodable text, 422 for wrong fields or types,
  500 (the process keeps serving) for a bug.

>>> app = create_app(ServiceSettings(max_body_bytes=1_000_000))  # doctest: +SKIP
"""
from __future__ import annotations

import asyncio
import inspect
import json
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any, Optional, Union

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException

import stancelib

from .errors import Errors
from .types import DocResult, Quote

log = logging.getLogger("stancelib.service")
SETTINGS_ENV = "STANCELIB_SERVICE_SETTINGS"
# Warm-up: one text that runs every stage (a quote, a speech cue, a topic cue).
_WARM_UP = "星河智能CEO陈思远表示：“开源模型会成为主流，Scaling Law依然有效。”"


class ServiceSettings(BaseModel):
    """Limits and pipeline options of one service (``stancelib serve`` flags, or the environment)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    max_body_bytes: int = Field(default=5 * 1024 * 1024, gt=0, description="Largest request body (413 past it).")
    max_text_chars: int = Field(default=1_000_000, gt=0, description="Longest text of one document (413 past it).")
    max_batch: int = Field(default=64, gt=0, description="Most documents in one /extract/batch request (413 past it).")
    timeout_s: float = Field(default=60.0, gt=0, description="Wall-clock limit per request, queueing included (504 past it).")
    threads: int = Field(default_factory=lambda: os.cpu_count() or 1, gt=0, description="Documents processed at once per worker.")
    load_options: dict[str, Union[None, str, float]] = Field(default_factory=dict, description="Keyword arguments of stancelib.load().")


class ExtractRequest(BaseModel):
    """One document to analyse."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(description="The article, interview or recap (offsets in the answer index this string).")
    doc_id: str = Field(default="doc", max_length=512, description="Copied to every record of the answer.")
    topics: Optional[list[str]] = Field(default=None, description="Keep only claims and stances of these topic ids (default: all).")


class BatchRequest(BaseModel):
    """Several documents, answered in order; a bad one gets ``error`` and never fails the others."""

    model_config = ConfigDict(extra="forbid")
    documents: list[ExtractRequest] = Field(description="The documents (at most max_batch).")


class Health(BaseModel):
    """What ``GET /health`` answers."""

    status: str = Field(description="'ok' once the pipeline is loaded and warmed.")
    version: str = Field(description="The stancelib version.")
    pipeline: list[str] = Field(description="The pipeline's components.")
    threads: int = Field(description="Documents this worker processes at once.")
    in_flight: int = Field(description="Requests being processed or queued in this worker.")


class ServiceError(HTTPException):
    """An HTTP error with a stable stancelib code (a subclass of HTTPException, so FastAPI passes it
    through while it reads the body)."""

    def __init__(self, status_code: int, code: str, message: str):
        super().__init__(status_code=status_code, detail=message)
        self.code = code


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    code = message[1:5] if message.startswith("[E") else f"HTTP{status}"
    return JSONResponse({"code": code, "detail": message, **extra}, status_code=status)


class BodyLimit:
    """ASGI middleware: 413 for a body past ``limit`` bytes, by its Content-Length or, for a chunked
    body, as soon as the bytes read pass the limit (so a huge body is never held)."""

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.limit:
            response = _error(413, Errors.E101.format(size=int(length), limit=self.limit))
            return await response(scope, receive, send)
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise ServiceError(413, "E101", Errors.E101.format(size=f"more than {received}", limit=self.limit))
            return message

        await self.app(scope, limited_receive, send)


def create_app(settings: Optional[ServiceSettings] = None, nlp=None) -> FastAPI:
    """The FastAPI application. ``nlp`` (a loaded pipeline) skips loading, e.g. to share one in tests."""
    settings = settings or ServiceSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        pipeline = nlp if nlp is not None else stancelib.load(**settings.load_options)
        pipeline(_WARM_UP)  # the first call fills the lazily built tables; pay for it before traffic
        app.state.nlp = pipeline
        app.state.topics = _topics(settings)
        app.state.pool = ThreadPoolExecutor(max_workers=settings.threads, thread_name_prefix="stancelib")
        app.state.in_flight = 0
        try:
            yield
        finally:
            app.state.pool.shutdown(wait=False, cancel_futures=True)

    app = FastAPI(title="stancelib", version=stancelib.__version__, lifespan=lifespan,
                  description="Who said what in Chinese AI-industry news, and where they stand.")
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if isinstance(exc, ServiceError):
            return JSONResponse({"code": exc.code, "detail": exc.detail}, status_code=exc.status_code)
        if exc.status_code == 400:  # FastAPI could not read the body: not UTF-8, or not JSON at all
            return _error(400, Errors.E105.format(reason="the body is not UTF-8 JSON"))
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()]
        if any(e["type"] == "json_invalid" for e in errors):
            return _error(400, Errors.E105.format(reason="the body is not valid JSON"), errors=errors)
        reason = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors)
        return _error(422, Errors.E105.format(reason=reason), errors=errors)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):  # a bug in one request, not the process's end
        log.exception("error while serving %s", request.url.path)
        return _error(500, Errors.E107.format(doc_id=request.url.path, kind=type(exc).__name__))

    async def run(*requests: ExtractRequest) -> list[DocResult]:
        """Analyse the documents in the pool, at once, under one time limit; the event loop stays free."""
        loop = asyncio.get_running_loop()
        jobs = [loop.run_in_executor(app.state.pool, analyse, req) for req in requests]
        app.state.in_flight += 1
        try:
            return await asyncio.wait_for(asyncio.gather(*jobs), settings.timeout_s)
        except asyncio.TimeoutError:  # queued documents are cancelled; a running one finishes unseen
            raise ServiceError(504, "E104", Errors.E104.format(limit=settings.timeout_s)) from None
        finally:
            app.state.in_flight -= 1

    def check(req: ExtractRequest) -> None:
        if len(req.text) > settings.max_text_chars:
            raise ServiceError(413, "E102", Errors.E102.format(length=len(req.text), limit=settings.max_text_chars))
        for topic in req.topics or ():
            if topic not in app.state.topics:
                raise ServiceError(422, "E106", Errors.E106.format(topic=topic, known=", ".join(app.state.topics)))

    def analyse(req: ExtractRequest) -> DocResult:
        try:
            res = next(iter(stancelib.extract_many([(req.doc_id, req.text)], nlp=app.state.nlp)))
        except Exception as e:  # one document's failure is its own answer
            log.exception("error while processing %r", req.doc_id)
            return DocResult(doc_id=req.doc_id, error=Errors.E107.format(doc_id=req.doc_id, kind=type(e).__name__))
        if req.topics is not None and not res.error:
            keep = set(req.topics)
            res = res.model_copy(update={"claims": tuple(c for c in res.claims if c.topic in keep),
                                         "stances": tuple(s for s in res.stances if s.topic in keep)})
        return res

    async def one(req: ExtractRequest) -> DocResult:
        check(req)
        (res,) = await run(req)
        if res.error:  # undecodable text (a lone surrogate) or a failure: the caller's single document
            raise ServiceError(500 if "[E107]" in res.error else 400, res.error[1:5], res.error)
        return res

    @app.post("/extract", response_model=DocResult, summary="Quotes, claims and stances of one document")
    async def extract(req: ExtractRequest) -> DocResult:
        return await one(req)

    @app.post("/quotes", response_model=list[Quote], summary="The quotes of one document, with speakers")
    async def quotes(req: ExtractRequest) -> list[Quote]:
        return list((await one(req)).quotes)

    @app.post("/extract/batch", response_model=list[DocResult], summary="Several documents, answered in order")
    async def extract_batch(batch: BatchRequest) -> list[DocResult]:
        if len(batch.documents) > settings.max_batch:
            raise ServiceError(413, "E103", Errors.E103.format(size=len(batch.documents), limit=settings.max_batch))
        # A document without a doc_id is named by its place (doc0, doc1, ...: record ids stay distinct);
        # one that fails its checks (too long, an unknown topic) is answered with its error, the others run.
        docs = [req if "doc_id" in req.model_fields_set else req.model_copy(update={"doc_id": f"doc{i}"})
                for i, req in enumerate(batch.documents)]
        refused: dict[int, DocResult] = {}
        for i, req in enumerate(docs):
            try:
                check(req)
            except ServiceError as e:
                refused[i] = DocResult(doc_id=req.doc_id, error=str(e.detail))
        done = iter(await run(*(req for i, req in enumerate(docs) if i not in refused)))
        return [refused[i] if i in refused else next(done) for i in range(len(docs))]

    @app.get("/topics", summary="Topic ids with their labels and cues")
    async def topics() -> dict[str, dict]:
        return app.state.topics

    @app.get("/health", response_model=Health, summary="Liveness: answers while documents are processed")
    async def health() -> Health:
        return Health(status="ok", version=stancelib.__version__, pipeline=list(app.state.nlp.pipe_names),
                      threads=settings.threads, in_flight=app.state.in_flight)

    return app


def _topics(settings: ServiceSettings) -> dict[str, dict]:
    from .stance import load_topics

    return {tid: t.model_dump(mode="json") for tid, t in load_topics(settings.load_options.get("topics")).topics.items()}


def app_from_env() -> FastAPI:
    """The app of a uvicorn worker process: settings from ``$STANCELIB_SERVICE_SETTINGS`` (JSON)."""
    raw = os.environ.get(SETTINGS_ENV)
    return create_app(ServiceSettings(**json.loads(raw)) if raw else ServiceSettings())


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 1, settings: Optional[ServiceSettings] = None,
          log_level: str = "info") -> None:
    """Run the service with uvicorn; ``workers`` processes, each with its own pipeline.

    A bad pipeline option raises :class:`~stancelib.errors.StanceLibError` before anything listens.
    """
    import uvicorn

    _check_address(host, port)
    settings = settings or ServiceSettings()
    if workers == 1:  # one process: load here (a bad option raises now) and serve this very app
        app = create_app(settings, nlp=stancelib.load(**settings.load_options))
        uvicorn.run(app, host=host, port=port, log_level=log_level)
        return
    check_load_options(settings.load_options)
    os.environ[SETTINGS_ENV] = settings.model_dump_json()
    extra = {}
    if "timeout_worker_healthcheck" in inspect.signature(uvicorn.Config).parameters:
        extra["timeout_worker_healthcheck"] = 60  # a worker loads its pipeline before it answers pings
    uvicorn.run("stancelib.service:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level=log_level, **extra)


def _check_address(host: str, port: int) -> None:
    """A port in use or an address this machine does not have is one coded error before anything loads
    (uvicorn would log it and exit with its own status)."""
    import socket

    from .errors import ConfigError, Errors

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            sock.bind(address)
    except (OSError, OverflowError) as e:
        raise ConfigError(Errors.E111.format(host=host, port=port, reason=getattr(e, "strerror", None) or str(e))) from None


def check_load_options(load_options: dict) -> None:
    """Load the pipeline once in a throw-away process, so a bad option is one clear error here rather
    than a traceback in every worker (the supervisor itself never holds a pipeline)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from .errors import StanceLibError

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        problem = pool.submit(_load_problem, load_options).result()
    if problem:
        raise StanceLibError(problem)


def _load_problem(load_options: dict) -> Optional[str]:
    from .errors import StanceLibError

    try:
        stancelib.load(**load_options)
    except StanceLibError as e:
        return str(e)
    return None
