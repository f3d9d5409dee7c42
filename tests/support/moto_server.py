#!/usr/bin/env python3
"""Run moto 5.2.1 as stance's test AWS endpoint, patched so the AWS SDK for Rust accepts it.

Usage:
    python3 tests/support/moto_server.py --port 5123
    python3 tests/support/moto_server.py --port 5123 --record /tmp/moto-recording.jsonl
    python3 tests/support/moto_server.py --port 5123 --request-log /tmp/requests.jsonl

    # ready when this answers:
    curl -s http://127.0.0.1:5123/moto-api/data.json >/dev/null
    # stop:
    kill -TERM <pid>          # exits 0

The server always binds 127.0.0.1 (the Rust SDK and our scripts use 127.0.0.1, never
localhost). It prints nothing unless something goes wrong; `--verbose` restores moto's
per-request access log.

What the launcher does before handing over to `moto.server.main`:

* Sets `MOTO_IAM_LOAD_MANAGED_POLICIES=true` (AWS-managed policies such as AdministratorAccess and
  AWSSupportAccess must exist for the CIS controls) and `MOTO_EC2_LOAD_DEFAULT_AMIS=false`
  (otherwise every region carries ~1,200 public AMIs and snapshots that DescribeSnapshots reports
  as the caller's own). Values already in the environment win.
* Fixes the XML root element of S3 GetBucketVersioning, GetBucketAccelerateConfiguration and
  GetBucketNotificationConfiguration. moto takes the root from `resultWrapper` in its cached
  botocore model and falls back to `<OperationNameResponse>`, which boto3 tolerates but the Rust
  SDK rejects ("invalid XML root").
* Lets CloudTrail GetEventSelectors/GetInsightSelectors (and other per-trail calls) find a
  trail by its ARN from any region, as AWS does; moto only searches the region called.
* `--record FILE` turns on moto's own request recorder (`MOTO_ENABLE_RECORDING`,
  `MOTO_RECORDER_FILEPATH`, read once when moto is imported). Each request is appended to FILE as
  one JSON line: {"headers", "method", "url", "body", "body_encoded"}. The recorder can then be
  driven over HTTP: POST /moto-api/recorder/{start,stop,reset}-recording and
  GET /moto-api/recorder/download-recording. It only sees requests moto routed to a service
  backend: calls to APIs moto does not implement are missing from it.
* Answers requests moto cannot serve with HTTP 501 and an AWS-shaped error body, and prints one
  line per distinct problem to stderr: a service moto lacks or an operation it does not route or
  implement (code `NotImplemented`; moto answers 500 or 404 with an HTML page), and an exception
  inside moto (code `MotoInternalError`; moto answers 500 with a traceback on the console).
  SDKs retry 500s with backoff (boto3 up to 5 attempts, the Rust SDK 3), which would distort
  call counts and timings; 501 is not retried. `--raw-errors` keeps moto's behaviour.
* `--request-log FILE` logs every request at the WSGI entry point, including the ones moto
  cannot route, as one JSON line: {"t", "method", "path", "query", "headers" (Authorization,
  X-Amz-Target, Content-Type, Host), "form" (Action/Version of query-protocol bodies),
  "status", "ms"}. This is what the benchmark uses to count API calls;
  `tests/support/recording.py` reads both this and moto's recorder format.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

# The S3 operations whose output shape lacks a resultWrapper in botocore's model, mapped to the
# root element real S3 (and the Rust SDK's deserializer) uses.
S3_XML_ROOTS = {
    "GetBucketVersioning": "VersioningConfiguration",
    "GetBucketAccelerateConfiguration": "AccelerateConfiguration",
    "GetBucketNotificationConfiguration": "NotificationConfiguration",
    # moto answers an empty configuration through the deprecated operation's shape.
    "GetBucketNotification": "NotificationConfiguration",
}

# Form bodies larger than this are not copied into the request log: an Action parameter is
# always near the start, and the log should stay small.
FORM_BODY_LOG_LIMIT = 4096


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="TCP port on 127.0.0.1")
    parser.add_argument(
        "--record",
        metavar="FILE",
        help="enable moto's request recorder, appending to FILE",
    )
    parser.add_argument(
        "--request-log",
        metavar="FILE",
        help="log every HTTP request (including unroutable ones) to FILE as JSON lines",
    )
    parser.add_argument(
        "--raw-errors",
        action="store_true",
        help="keep moto's HTML 500 pages for unimplemented APIs (disables --request-log)",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="keep werkzeug's per-request access log"
    )
    args = parser.parse_args(argv)
    if args.raw_errors and args.request_log:
        parser.error("--request-log needs the launcher's dispatcher; drop --raw-errors")
    return args


def configure_environment(args: argparse.Namespace) -> None:
    # Must run before `import moto`: the recorder reads its settings at import time.
    os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
    os.environ.setdefault("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")
    if args.record:
        path = Path(args.record).resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["MOTO_ENABLE_RECORDING"] = "true"
        os.environ["MOTO_RECORDER_FILEPATH"] = str(path)


def patch_s3_xml_roots() -> None:
    from moto.core.utils import get_service_model

    # get_service_model is functools.cache'd and botocore caches operation models and shape
    # serialization dicts, so mutating this instance changes what every S3 response uses.
    model = get_service_model("s3")
    for operation, root in S3_XML_ROOTS.items():
        output = model.operation_model(operation).output_shape
        output.serialization["resultWrapper"] = root
    # Fail loudly at start-up rather than serve responses the Rust SDK cannot parse.
    for operation, root in S3_XML_ROOTS.items():
        got = get_service_model("s3").operation_model(operation).output_shape.serialization
        if got.get("resultWrapper") != root:
            raise RuntimeError(f"S3 XML root patch did not take for {operation}")


def patch_cloudtrail_trail_arns() -> None:
    from moto.cloudtrail.exceptions import TrailNotFoundException
    from moto.cloudtrail.models import CloudTrailBackend, cloudtrail_backends

    # CloudTrail's Get* calls accept the ARN of a trail homed in another region (that is how a
    # multi-region trail's selectors are read from any region); moto only searches the
    # region it was called in, so a scanner that meets the trail in a non-home region first
    # gets TrailNotFound and reports its selectors as missing.
    original = CloudTrailBackend.get_trail

    def get_trail(self: Any, name_or_arn: str) -> Any:
        try:
            return original(self, name_or_arn)
        except TrailNotFoundException:
            parts = name_or_arn.split(":")
            if len(parts) > 5 and parts[0] == "arn" and parts[3] and parts[3] != self.region_name:
                return original(cloudtrail_backends[self.account_id][parts[3]], name_or_arn)
            raise

    CloudTrailBackend.get_trail = get_trail  # type: ignore[method-assign]


def serialize_recorder_writes() -> None:
    from moto.moto_api import recorder

    # The recorder opens, appends and closes the file per request from werkzeug's request
    # threads; entries larger than the stdio buffer are written in several syscalls and can
    # interleave. One lock keeps the file one-JSON-object-per-line.
    lock = threading.Lock()
    original = recorder._record_request

    def locked(request: Any, body: bytes | None = None) -> None:
        with lock:
            original(request, body)

    recorder._record_request = locked  # type: ignore[method-assign]


class NotImplementedByMoto(Exception):
    """moto has no backend for the service, or the operation raised NotImplementedError."""


def send_error(
    environ: dict[str, Any], start_response: Any, status: str, code: str, message: str
) -> list[bytes]:
    """Answers an AWS-shaped error in the request's protocol, so SDKs parse it instead of
    failing on HTML."""
    content_type = environ.get("CONTENT_TYPE", "")
    if environ.get("HTTP_X_AMZ_TARGET") or "json" in content_type or not content_type:
        # JSON and REST-JSON services (and bodyless GETs, mostly REST-JSON among the services
        # moto lacks) read `__type`.
        body = json.dumps({"__type": code, "message": message}).encode()
        headers = [("Content-Type", "application/json")]
    elif content_type.startswith("application/x-www-form-urlencoded"):
        body = (
            f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code>"
            f"<Message>{escape(message)}</Message></Error></ErrorResponse>"
        ).encode()
        headers = [("Content-Type", "text/xml")]
    else:
        body = f"<Error><Code>{code}</Code><Message>{escape(message)}</Message></Error>".encode()
        headers = [("Content-Type", "application/xml")]
    headers += [("x-amzn-ErrorType", code), ("Content-Length", str(len(body)))]
    start_response(status, headers)
    return [body]


def install_dispatcher(args: argparse.Namespace) -> None:
    import moto.server
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    log_file = None
    if args.request_log:
        log_path = Path(args.request_log).resolve()
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log_file = open(log_path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - lives as long as the server
    log_lock = threading.Lock()
    reported: set[str] = set()

    def note_once(key: str, message: str) -> None:
        # One line per distinct problem keeps stderr readable through a whole scan.
        if key not in reported:
            reported.add(key)
            print(f"moto_server: {message}", file=sys.stderr, flush=True)

    class Dispatcher(DomainDispatcherApplication):
        """moto's dispatcher with quiet, non-retryable failures and an optional request log."""

        def get_backend_for_host(self, host: str | None) -> Any:
            # moto prints a two-line hint for every request to a service it lacks; a scanner
            # probing many services would flood the console. Called under self.lock.
            with contextlib.redirect_stdout(io.StringIO()):
                return super().get_backend_for_host(host)

        def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
            started = time.monotonic()
            entry = request_summary(environ) if log_file else None
            status = [500]

            def recording_start_response(status_line: str, headers: Any, *rest: Any) -> Any:
                status[0] = int(status_line.split(" ", 1)[0])
                return start_response(status_line, headers, *rest)

            try:
                body = self.serve(environ, recording_start_response)
            except NotImplementedByMoto as exc:
                # moto's default is a 500 with an HTML debug page. SDKs retry 500s with
                # backoff (boto3 up to five attempts, the Rust SDK three), which inflates call
                # counts and wall time; real AWS never answers like that. 501 is not retried.
                what = describe(environ)
                note_once(what, f"501 for {what} ({exc})")
                body = send_error(
                    environ,
                    recording_start_response,
                    "501 Not Implemented",
                    "NotImplemented",
                    f"{exc}: {what}",
                )
            except Exception as exc:  # noqa: BLE001 - a moto bug becomes one line, not a traceback
                # Also 501, not 500: the real service would have answered (usually with a
                # 4xx), so a retry storm against moto's bug would only distort measurements.
                what = describe(environ)
                note_once(
                    f"{what}:{type(exc).__name__}",
                    f"501 for {what}: moto raised {type(exc).__name__}: {exc}",
                )
                body = send_error(
                    environ,
                    recording_start_response,
                    "501 Not Implemented",
                    "MotoInternalError",
                    f"moto raised {type(exc).__name__}",
                )
            if entry is not None and not entry["path"].startswith("/moto-api/"):
                entry["status"] = status[0]
                entry["ms"] = round((time.monotonic() - started) * 1000, 1)
                with log_lock:
                    log_file.write(json.dumps(entry, separators=(",", ":")) + "\n")
            return body

        def serve(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
            try:
                app = self.get_application(environ)
            except Exception as exc:
                # get_application only fails when no backend matches the request.
                raise NotImplementedByMoto("service not implemented by moto") from exc
            captured: list[Any] = []

            def capture(status_line: str, headers: Any, *rest: Any) -> None:
                captured[:] = [status_line, headers, *rest]

            try:
                # Materialised so a failure while producing the body is caught here too, and
                # so the status can be inspected before it is sent.
                body = list(app(environ, capture))
            except NotImplementedError as exc:
                raise NotImplementedByMoto(
                    f"operation not implemented by moto {exc}".strip()
                ) from exc
            if captured[0].startswith("404") and is_flask_not_found(body):
                # Flask's own page: no moto route matched the method and path. (moto's own
                # 404 errors are AWS-shaped bodies, though often labelled text/html.)
                raise NotImplementedByMoto("operation not implemented by moto (no route)")
            start_response(*captured)
            return body

    # moto.server.main builds the app from the name it imported, so rebinding it there is
    # enough; nothing else in moto is affected.
    moto.server.DomainDispatcherApplication = Dispatcher  # type: ignore[misc]


def is_flask_not_found(body: list[bytes]) -> bool:
    head = b"".join(body)[:200].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) and b"404 not found" in head


def describe(environ: dict[str, Any]) -> str:
    """A short, human-readable name of a request for one-line messages."""
    auth = environ.get("HTTP_AUTHORIZATION", "")
    service = "?"
    if "Credential=" in auth:
        scope = auth.split("Credential=", 1)[1].split(",", 1)[0].split("/")
        if len(scope) >= 4:
            service = scope[3]
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return f"{service} {target}"
    return f"{service} {environ.get('REQUEST_METHOD', '')} {environ.get('PATH_INFO', '')}"


def request_summary(environ: dict[str, Any]) -> dict[str, Any]:
    """The parts of a request needed to name its AWS action later (see recording.py)."""
    headers = {
        "Authorization": environ.get("HTTP_AUTHORIZATION", ""),
        "X-Amz-Target": environ.get("HTTP_X_AMZ_TARGET", ""),
        "Content-Type": environ.get("CONTENT_TYPE", ""),
        "Host": environ.get("HTTP_HOST", ""),
    }
    entry: dict[str, Any] = {
        "t": round(time.time(), 3),
        "method": environ.get("REQUEST_METHOD", ""),
        "path": environ.get("PATH_INFO", ""),
        "query": environ.get("QUERY_STRING", ""),
        "headers": {k: v for k, v in headers.items() if v},
    }
    # Query-protocol services (IAM, EC2, STS, RDS, SNS...) name the action in a form body.
    # Read it, keep the Action and Version, and give moto an unread copy.
    if headers["Content-Type"].startswith("application/x-www-form-urlencoded"):
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length:
            body = environ["wsgi.input"].read(length)
            environ["wsgi.input"] = io.BytesIO(body)
            form = parse_qs(body[:FORM_BODY_LOG_LIMIT].decode("utf-8", "replace"))
            entry["form"] = {k: form[k][0] for k in ("Action", "Version") if k in form}
    return entry


def quiet_logging(verbose: bool) -> None:
    import logging

    if verbose:
        return
    # werkzeug logs the start-up banner and one line per request at INFO.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    # moto runs Lambda invocations (Secrets Manager rotation calls one) in Docker. Without
    # Docker each invocation fails, as it should, but moto logs an error per invocation and,
    # inside a container, first probes the Docker socket with curl and prints a warning.
    import moto.settings

    moto.settings.moto_server_host = lambda: "http://host.docker.internal"  # type: ignore[assignment]
    logging.getLogger("moto.awslambda").setLevel(logging.CRITICAL)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    configure_environment(args)
    quiet_logging(args.verbose)

    import moto.server

    patch_s3_xml_roots()
    patch_cloudtrail_trail_arns()
    if args.record:
        serialize_recorder_writes()
    if not args.raw_errors:
        install_dispatcher(args)

    # moto.server.main installs SIGTERM/SIGINT handlers that sys.exit(0), which unwinds
    # serve_forever cleanly.
    with contextlib.suppress(KeyboardInterrupt):
        moto.server.main(["--host", "127.0.0.1", "--port", str(args.port)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
