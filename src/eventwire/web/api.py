"""The HTTP API and the page: ``create_app(store_path | Store) -> FastAPI``.

Reads go through read-only connections (``?mode=ro``), one per worker thread; the one write,
``POST /reports``, goes through a single writable Store used by one writer thread, fed by a bounded
queue: the request awaits its job without holding the event loop, so reads go on while a big post is
ingested. Every error is a JSON body ``{"error": "...", "detail": ...}`` with its status, never a stack trace.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import math
import os
import queue
import tempfile
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import asynccontextmanager, contextmanager
from dataclasses import is_dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire import __version__
from eventwire.errors import EventwireError, ModelMissing, NotFound, StoreError
from eventwire.model import Rejected, Report
from eventwire.store import Store
from eventwire.store.events import EventFilter
from eventwire.store.queries import (
    DEFAULT_PAGE,
    MAX_PAGE,
    Page,
    check_cameo,
    check_country,
    check_date,
    check_place,
    check_until,
)

log = logging.getLogger("eventwire.web")

MAX_BODY = 5 * 1024 * 1024
POST_TIMEOUT = 120.0  # seconds a POST waits for its job before answering 202 (env EVENTWIRE_POST_TIMEOUT)
POST_QUEUE = 16  # posts that may wait for the writer; more are answered 503
RETRY_AFTER = 10  # seconds, in the Retry-After of a 503 when the writer is busy or stopping
SHUTDOWN_WAIT = 3.0  # seconds app shutdown waits for the writer to reach a report boundary
STATIC = resources.files("eventwire.web") / "static"
MODALITIES = ("asserted", "planned", "denied", "hypothetical", "historical")
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "gdelt": "text/tab-separated-values; charset=utf-8",
    "gdelt-mentions": "text/tab-separated-values; charset=utf-8",
    "plover": "application/json; charset=utf-8",
}
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
        " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class ApiError(Exception):
    """An error the API answers with ``status`` and a JSON body."""

    def __init__(self, status: int, error: str, detail: Any = None, headers: dict[str, str] | None = None):
        super().__init__(error)
        self.status, self.error, self.detail, self.headers = status, error, detail, headers


# --- JSON ---------------------------------------------------------------------------------------


def _plain(obj: Any) -> Any:
    if isinstance(obj, Page):
        return {"items": obj.items, "total": obj.total, "limit": obj.limit, "offset": obj.offset,
                "next": obj.next_offset}
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f: getattr(obj, f) for f in obj.__dataclass_fields__}  # nested records keep their to_dict
    if isinstance(obj, tuple | set | frozenset):
        return list(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def json_response(obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(obj, default=_plain, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def error_response(status: int, error: str, detail: Any = None, headers: dict[str, str] | None = None) -> Response:
    return json_response({"error": error, "detail": detail}, status, headers)


# --- stores -------------------------------------------------------------------------------------


class _Stores:
    """Read connections (one per thread, read-only) and the one writer, for a file or a given Store."""

    def __init__(self, store: str | Path | Store):
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._shared_lock = threading.Lock()
        self._writer: Store | None = None
        if str(store) == ":memory:":
            store = Store.memory(check_same_thread=False)
        if isinstance(store, Store):
            self.shared: Store | None = store
            self.path = store.path
            self._writer = None if store.readonly else store
        else:
            self.shared = None
            self.path = str(store)
            if not Path(self.path).exists() or not _is_readonly_path(self.path):
                Store(self.path).close()  # create and migrate once, so read-only connections can open it

    @contextmanager
    def read(self) -> Iterator[Store]:
        """This thread's read-only Store (or the shared one, held alone while in use)."""
        if self.shared is not None:
            with self._shared_lock:
                yield self.shared
            return
        s = getattr(self._local, "store", None)
        if s is None:
            s = Store(self.path, readonly=True, check_same_thread=False)
            self._local.store = s
        yield s

    def write(self, fn, *args, **kwargs):
        with self._write_lock:
            if self._writer is None:
                if self.shared is not None:
                    raise ApiError(403, "writing is off: the store was opened read-only")
                self._writer = Store(self.path, check_same_thread=False)
            if self.shared is not None:
                with self._shared_lock:
                    return fn(self._writer, *args, **kwargs)
            return fn(self._writer, *args, **kwargs)


class _Writer:
    """The one writer: a daemon thread running jobs from a bounded queue, one at a time, with the app's
    writable Store. ``stop()`` only sets a flag (a signal handler may call it): jobs still queued are
    refused, the running one's feed ends at its next report (``_post``), then the thread ends."""

    POLL = 0.25  # seconds between looks at the flag while idle

    def __init__(self, stores: _Stores, size: int):
        self.stores = stores
        self.stopping = False
        self._jobs: queue.Queue[tuple[Future, Callable[..., Any], tuple]] = queue.Queue(size)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def open(self) -> None:
        self.stopping = False

    def stop(self) -> None:
        self.stopping = True  # a plain assignment: takes no lock, so safe in a signal handler

    def close(self, timeout: float) -> None:
        """Stop, and wait up to ``timeout`` seconds for the thread (a daemon: it never holds up exit)."""
        self.stop()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        """Queue ``fn(*args)`` for the writer thread; 503 when the queue is full or the writer stopping."""
        job: Future = Future()
        with self._lock:
            if self.stopping:
                raise _stopping()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="eventwire-writer", daemon=True)
                self._thread.start()
            try:
                self._jobs.put_nowait((job, fn, args))
            except queue.Full:
                raise ApiError(
                    503, "the writer is busy: too many posts are waiting; try again later",
                    {"waiting": self._jobs.maxsize}, {"Retry-After": str(RETRY_AFTER)},
                ) from None
        return job

    def _run(self) -> None:
        while True:
            try:
                job, fn, args = self._jobs.get(timeout=self.POLL)
            except queue.Empty:
                with self._lock:
                    if self.stopping and self._jobs.empty():
                        self._thread = None
                        return
                continue
            if not job.set_running_or_notify_cancel():
                continue
            if self.stopping:
                job.set_exception(_stopping())
                continue
            try:
                result = fn(*args)
            except BaseException as e:  # the request answers it (or logs it, after a 202)
                job.set_exception(e)
                if not isinstance(e, Exception):
                    raise
            else:
                job.set_result(result)


def _stopping() -> ApiError:
    return ApiError(503, "the server is shutting down; post again when it is back",
                    headers={"Retry-After": str(RETRY_AFTER)})


def _is_readonly_path(path: str) -> bool:
    """True when the file exists and is already migrated (no write needed to serve it)."""
    try:
        with Store(path, readonly=True) as s:
            from eventwire.store.db import _migrations

            return set(s.applied_migrations()) >= {name for name, _ in _migrations()}
    except Exception:
        return False


# --- request helpers ----------------------------------------------------------------------------


def _invalid(name: str, value: Any, message: str) -> ApiError:
    return ApiError(422, f"invalid {name}: {message}", {"parameter": name, "value": value})


def _checked(name: str, value: str | None, check: Callable[[str], str]) -> str | None:
    """``check(value)`` for a given value (None when absent or empty); its ValueError is a 422."""
    if value is None or value == "":
        return None
    try:
        return check(value)
    except ValueError as e:
        raise _invalid(name, value, str(e)) from None


def _date(name: str, value: str | None) -> str | None:
    return _checked(name, value, check_date)


def _query_names(dependant: Any) -> set[str]:
    """The query parameters a route reads, its dependencies' included."""
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


async def known_query_params(request: Request) -> None:
    """Refuse query parameters the route does not read (a misspelt filter must not silently match all)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None or not getattr(route, "include_in_schema", False):
        return  # the page and static files take whatever a browser adds
    known = _query_names(dependant)
    unknown = sorted({k for k in request.query_params if k not in known})
    if unknown:
        raise ApiError(
            422, f"unknown query parameter{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}",
            {"unknown": unknown, "known": sorted(known)},
        )


async def event_filter(
    actor: str | None = Query(None, max_length=200, description="ISO3, actor code (RUSGOV) or words of its text"),
    country: str | None = Query(None, max_length=40, description="ISO 3166 alpha-3 of a source or target actor"),
    sector: str | None = Query(None, max_length=20, description="actor sector (GOV, MIL, …)"),
    role: str | None = Query(None, description="source or target: narrows actor/country/sector"),
    type: str | None = Query(None, max_length=40, description="PLOVER event type"),
    cameo: str | None = Query(None, max_length=4, description="CAMEO root code (04)"),
    cameo_root: str | None = Query(None, max_length=4, description="the same as cameo"),
    since: str | None = Query(None, max_length=40, description="events on or after this date"),
    until: str | None = Query(None, max_length=40, description="events on or before this date"),
    place: str | None = Query(None, max_length=200, description="place name or GeoNames id"),
    modality: str | None = Query(None, description="asserted, planned, denied, hypothetical or historical"),
    q: str | None = Query(None, max_length=200, description="words in a mention's evidence"),
    report: str | None = Query(None, max_length=100),
    story: str | None = Query(None, max_length=100),
) -> EventFilter:
    if role not in (None, "", "source", "target"):
        raise _invalid("role", role, "must be source or target")
    if modality not in (None, "", *MODALITIES):
        raise _invalid("modality", modality, f"must be one of {', '.join(MODALITIES)}")
    root = _checked("cameo", cameo, check_cameo)
    alias = _checked("cameo_root", cameo_root, check_cameo)
    if root and alias and root.zfill(2)[:2] != alias.zfill(2)[:2]:
        raise _invalid("cameo_root", cameo_root, f"cameo is {cameo!r}: give one of the two, or the same code")
    return EventFilter(
        actor=actor or None, country=_checked("country", country, check_country), sector=sector or None,
        role=role or None, type=type or None, cameo_root=root or alias, since=_date("since", since),
        until=_checked("until", until, check_until), place=_checked("place", place, check_place),
        modality=modality or None, q=q or None, report=report or None, story=story or None,
    )


Filters = Annotated[EventFilter, Depends(event_filter)]
Limit = Query(DEFAULT_PAGE, ge=1, le=MAX_PAGE, description=f"page size, at most {MAX_PAGE}")
Offset = Query(0, ge=0, le=10_000_000, description="items to skip (the previous page's `next`)")


async def _read_body(request: Request, limit: int) -> bytes:
    length = request.headers.get("content-length")
    if length is not None:
        if not length.isdigit():
            raise ApiError(400, "invalid Content-Length", length)
        if int(length) > limit:
            raise ApiError(413, f"request body too large: the limit is {limit} bytes", int(length))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request body too large: the limit is {limit} bytes", size)
        chunks.append(chunk)
    return b"".join(chunks)


def _read_items(data: bytes, path: str, hints: dict[str, str]) -> list[Report | Rejected]:
    """One posted body → reports, as `eventwire read` reads a file of that name: a text or HTML document,
    JSON (lines) or a feed (many reports), gzip allowed. ``hints`` (url, title, published, outlet) apply to
    a single document."""
    try:
        return _read_items_of(data, path, hints)
    except RecursionError:  # e.g. JSON nested 100,000 deep: a parser's own limit, not our failure
        raise ApiError(400, "the request body is nested too deeply to read", path) from None


def _read_items_of(data: bytes, path: str, hints: dict[str, str]) -> list[Report | Rejected]:
    try:
        from eventwire import ingest

        if hasattr(ingest, "read_data"):  # stage 1's own: one input's bytes, read as `eventwire read` reads a file
            return list(ingest.read_data(data, path, hints))
        from eventwire.ingest import read_bytes, read_item, sources  # type: ignore[attr-defined]
    except ImportError as e:
        raise ApiError(503, "reading is not available in this build (eventwire.ingest)", str(e)) from e
    try:
        if data[:2] == b"\x1f\x8b" or path.lower().endswith(".gz"):
            data = sources.gunzip(data, path)
            path = path[:-3] if path.lower().endswith(".gz") else path
        kind = sources.kind_of(path) or sources.sniff(data)
        if kind == "json":
            found = list(sources.json_items(sources.decode(data, path), path))
        elif kind == "feed":
            from eventwire.ingest.feeds import feed_items

            found = list(feed_items(data, path))
        else:
            return [read_bytes(data, path, hints)]
    except EventwireError as e:
        return [Rejected(getattr(e, "path", path), getattr(e, "reason", str(e)))]
    out: list[Report | Rejected] = []
    for item in found:
        if isinstance(item, Rejected):
            out.append(item)
            continue
        try:
            out.append(read_item(item))
        except EventwireError as e:
            out.append(Rejected(getattr(e, "path", item.path), getattr(e, "reason", str(e))))
    return out


def _ingest(store: Store, items: Iterable[Report | Rejected], stop=None):
    from eventwire import pipeline

    return pipeline.ingest(items, store, stop=stop)


def _post(writer: _Writer, items: list[Report | Rejected]) -> tuple[Any, int]:
    """The writer's job for one POST: ingest ``items`` until the writer is told to stop (looked at before
    each item, a report boundary: the pipeline stores what it was given, and when stopping only stores it:
    the next run groups and codes it, so the answer comes within the shutdown grace). Returns the summary
    and how many items the pipeline was given (all of them unless the server is shutting down)."""
    given = 0

    def feed() -> Iterator[Report | Rejected]:
        nonlocal given
        for item in items:
            if writer.stopping:
                return
            given += 1
            yield item

    summary = writer.stores.write(_ingest, feed(), lambda: writer.stopping)
    return summary, given


def _summary_body(summary: Any, items: list[Report | Rejected]) -> dict[str, Any]:
    return {
        "read": summary.read, "stored": summary.stored, "known": summary.known, "rejected": summary.rejected,
        "stories": summary.stories, "events": summary.events,
        "reports": [i.id for i in items if isinstance(i, Report)],
        "rejections": [{"path": r.path, "reason": r.reason} for r in summary.rejections],
    }


def _log_late(job: Future) -> None:
    """What became of a post answered 202."""
    if job.cancelled():
        return
    if (e := job.exception()) is not None:
        log.error("a POST /reports answered 202 failed: %s: %s", type(e).__name__, e)
    else:
        summary, _ = job.result()
        log.info("a POST /reports answered 202 is done: %s", summary.line())


def post_timeout() -> float | None:
    """Seconds a POST waits for its job (EVENTWIRE_POST_TIMEOUT, default 120; inf: no limit)."""
    raw = os.environ.get("EVENTWIRE_POST_TIMEOUT", "").strip()
    if not raw:
        return POST_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not value > 0:
        raise EventwireError(f"EVENTWIRE_POST_TIMEOUT must be a positive number of seconds, not {raw!r}")
    return value if math.isfinite(value) else None


# --- the app ------------------------------------------------------------------------------------


def create_app(
    store: str | Path | Store,
    *,
    token: str | None = None,
    max_body: int = MAX_BODY,
    timeout: float | None = None,
    queue_size: int = POST_QUEUE,
) -> FastAPI:
    """The API and the page over ``store`` (a database path, or an open Store).

    ``token``: the bearer token that allows ``POST /reports`` (default: the EVENTWIRE_TOKEN environment
    variable); without one, writing is off. ``max_body``: the largest request body accepted, in bytes.
    ``timeout``: seconds a POST waits for its ingest before answering 202, still being processed (default:
    EVENTWIRE_POST_TIMEOUT, else 120). ``queue_size``: posts that may wait for the writer (more: 503).
    """
    token = token if token is not None else (os.environ.get("EVENTWIRE_TOKEN") or None)
    timeout = timeout if timeout is not None else post_timeout()
    stores = _Stores(store)
    writer = _Writer(stores, queue_size)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        writer.open()
        try:
            yield
        finally:  # no new jobs; the running one ends at its next report; the thread is a daemon
            await run_in_threadpool(writer.close, SHUTDOWN_WAIT)

    app = FastAPI(
        lifespan=lifespan,
        dependencies=[Depends(known_query_params)],
        title="eventwire",
        version=__version__,
        description="News reports in, a clean, deduplicated, traceable record of world events out.",
        docs_url=None,  # the Swagger page loads from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )
    app.state.stores = stores
    app.state.writer = writer
    app.state.writing = bool(token)

    # --- errors ---------------------------------------------------------------------------

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return error_response(exc.status, exc.error, exc.detail, exc.headers)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return error_response(404, str(exc))

    @app.exception_handler(ModelMissing)
    async def _missing(request: Request, exc: ModelMissing) -> Response:
        return error_response(503, str(exc))

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> Response:
        log.error("store error on %s: %s", request.url.path, exc)
        return error_response(503, "the database is not available", str(exc))

    @app.exception_handler(EventwireError)
    async def _eventwire_error(request: Request, exc: EventwireError) -> Response:
        return error_response(400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        detail = [
            {"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]
        return error_response(422, "invalid request", detail)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        msg = {404: "not found", 405: "method not allowed"}.get(exc.status_code, str(exc.detail))
        return error_response(exc.status_code, msg, request.url.path, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        # answered outside the middleware below (Starlette's outermost error handler): set the headers here
        return error_response(500, "internal error", type(exc).__name__, SECURITY_HEADERS)

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    # --- page -----------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(str(STATIC / "index.html"), media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    # --- read endpoints -------------------------------------------------------------------

    @app.get("/health", tags=["meta"], summary="Liveness, database counts and whether writing is on")
    def health() -> Response:
        with stores.read() as s:
            counts = s.stats()
        return json_response({"status": "ok", "version": __version__, "counts": counts, "writing": bool(token)})

    @app.get("/reports", tags=["reports"], summary="Reports, newest published first, searchable")
    def reports(
        q: str | None = Query(None, max_length=200, description="words in the title or text"),
        outlet: str | None = Query(None, max_length=200),
        story: str | None = Query(None, max_length=100),
        sort: str = Query("published", pattern="^(published|arrival)$",
                          description="published: the newest first, undated last; arrival: as stored"),
        limit: int = Limit, offset: int = Offset,
    ) -> Response:
        with stores.read() as s:
            return json_response(
                s.search_reports(q, outlet=outlet, story=story, limit=limit, offset=offset, order=sort)
            )

    @app.get("/reports/{report_id}", tags=["reports"], summary="One report with its placement and event mentions")
    def report(report_id: str) -> Response:
        with stores.read() as s:
            r = s.get_report(report_id)
            return json_response(
                {"report": r, "placement": s.placement_of(r.id), "mentions": s.mentions_in_report(r.id)}
            )

    @app.get("/stories", tags=["stories"], summary="Stories, latest first")
    def stories(
        q: str | None = Query(None, max_length=200, description="words in the title or text of its reports"),
        limit: int = Limit, offset: int = Offset,
    ) -> Response:
        with stores.read() as s:
            return json_response(s.story_page(limit, offset, q))

    @app.get("/stories/{story_id}", tags=["stories"], summary="One story: provenance tree, reports, events")
    def story(story_id: str) -> Response:
        with stores.read() as s:
            return json_response(s.story_detail(story_id))

    @app.get("/events", tags=["events"], summary="Events matching the filters, in a stable order")
    def events(
        f: Filters, limit: int = Limit, offset: int = Offset,
    ) -> Response:
        with stores.read() as s:
            return json_response(s.event_page(f, limit, offset))

    @app.get("/events/{event_id}", tags=["events"], summary="One event with every mention and its evidence")
    def event(event_id: str) -> Response:
        with stores.read() as s:
            d = s.event_detail(event_id)
        out = d["event"].to_dict()
        out["mentions"] = d["mentions"]
        out["reports"] = {
            rid: {k: getattr(r, k) for k in ("id", "title", "outlet", "credit", "attribution", "published", "url", "text")}
            for rid, r in d["reports"].items()
        }
        return json_response(out)

    @app.get("/dyads", tags=["events"], summary="Who acts on whom, with the number of events")
    def dyads(
        f: Filters, limit: int = Query(100, ge=1, le=1000),
    ) -> Response:
        with stores.read() as s:
            return json_response({"items": s.dyads(f, limit=limit)})

    @app.get("/timeline", tags=["events"], summary="Event counts by date and PLOVER type")
    def timeline(
        f: Filters,
        by: str = Query("day", pattern="^(day|month|year)$"),
    ) -> Response:
        with stores.read() as s:
            return json_response({"by": by, "items": s.timeline(f, by=by)})

    @app.get("/timeline/events", tags=["events"], summary="Each event's type and dates, for a time axis")
    def timeline_events(
        f: Filters, limit: int = Query(2000, ge=1, le=10_000),
    ) -> Response:
        """``items``: {id, type, modality, start, end, source, target}, the dated by start, then the undated
        (start null); ``total``: how many events match."""
        with stores.read() as s:
            return json_response(s.timeline_events(f, limit=limit))

    @app.get("/map/points", tags=["events"], summary="Event places with coordinates and counts by country")
    def map_points(
        f: Filters, limit: int = Query(2000, ge=1, le=10_000),
    ) -> Response:
        with stores.read() as s:
            return json_response({"points": s.map_points(f, limit=limit), "countries": s.country_counts(f)})

    @app.get("/map/countries", tags=["events"], summary="Country shapes (Natural Earth), x = lon + 180, y = 90 − lat")
    def map_countries() -> Response:
        from eventwire.web.shapes import country_shapes

        return json_response(
            {"frame": [0, 0, 360, 180], "countries": country_shapes()}, headers={"Cache-Control": "max-age=86400"}
        )

    @app.get("/export", tags=["exports"], summary="Events matching the filters as a file")
    def export(
        f: Filters,
        format: str = Query("jsonl", pattern="^(csv|jsonl|parquet|gdelt|gdelt-mentions|plover)$"),
        per: str = Query("mention", pattern="^(mention|event)$", description="csv: a row per mention or per event"),
    ) -> Response:
        from eventwire.store.export import write_events

        spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
        with stores.read() as s:
            write_events(s, format, spool, f, per=per)
        spool.seek(0)

        def chunks() -> Iterator[bytes]:
            try:
                while chunk := spool.read(64 * 1024):
                    yield chunk
            finally:
                spool.close()

        ext = {"gdelt": "tsv", "gdelt-mentions": "mentions.tsv", "plover": "json"}.get(format, format)
        return StreamingResponse(
            chunks(), media_type=EXPORT_TYPES[format],
            headers={"Content-Disposition": f'attachment; filename="events.{ext}"'},
        )

    # --- the one write ----------------------------------------------------------------------

    @app.post(
        "/reports", tags=["reports"], status_code=201,
        summary="Ingest one item (any format `eventwire read` takes); needs the bearer token",
    )
    async def post_reports(
        request: Request,
        path: str = Query("upload", max_length=500, description="name of the item (its extension guides reading)"),
        url: str | None = Query(None, max_length=2000),
        outlet: str | None = Query(None, max_length=200),
        title: str | None = Query(None, max_length=1000),
        published: str | None = Query(None, max_length=40),
    ) -> Response:
        if not token:
            raise ApiError(403, "writing is off: no token configured (EVENTWIRE_TOKEN or serve --token-file)")
        auth = request.headers.get("authorization", "")
        scheme, _, given = auth.partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise ApiError(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise ApiError(401, "wrong bearer token", headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
        data = await _read_body(request, max_body)
        if not data.strip():
            raise ApiError(400, "empty request body")
        hints = {k: v for k, v in {"url": url, "outlet": outlet, "title": title,
                                   "published": _date("published", published)}.items() if v}
        items = await run_in_threadpool(_read_items, data, path, hints)
        job = writer.submit(_post, writer, items)
        try:  # shielded: a request that stops waiting leaves its job to the writer
            summary, given = await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(job)), timeout)
        except TimeoutError:
            job.add_done_callback(_log_late)
            return json_response({
                "status": "accepted", "processing": True,
                "detail": f"accepted and still being processed after {timeout:g} s: its reports appear as they"
                          " are stored (unfinished work is resumed, so nothing is lost)",
                "reports": [i.id for i in items if isinstance(i, Report)],
            }, 202)
        if given < len(items):  # the server stopped mid-way: what was given is stored; posting again is safe
            body = _summary_body(summary, items[:given])
            body["unread"] = len(items) - given
            return error_response(
                503, f"the server is shutting down: {len(items) - given} of {len(items)} items were not stored;"
                     " post again when it is back (what was stored is known)", body,
                {"Retry-After": str(RETRY_AFTER)},
            )
        body = _summary_body(summary, items)
        if summary.rejected and not summary.read:  # as `eventwire ingest` exits 1: the client's input is at fault
            return error_response(422, "nothing could be read from the request body", body)
        return json_response(body, 201 if summary.stored else 200)

    return app
