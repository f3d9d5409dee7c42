#!/usr/bin/env python3
"""Name the AWS API actions a scanner sent to moto, and flag the ones that are not read-only.

Usage:
    # a request log written by `moto_server.py --request-log FILE` (every request, with status)
    python3 tests/support/recording.py /tmp/requests.jsonl
    # moto's own recorder file (`moto_server.py --record FILE`), or fetched from a live server
    python3 tests/support/recording.py /tmp/moto-recording.jsonl
    python3 tests/support/recording.py --endpoint http://127.0.0.1:5123
    # options: --json (machine-readable summary), --requests (one JSON line per request),
    #          --fail-on-mutating (exit 1 if any request was not read-only)

As a library:
    from recording import load, actions, mutating
    calls = actions(load("/tmp/requests.jsonl"))
    assert not mutating(calls)

Each request becomes an `Action(service, action, ...)`, where `service` is the botocore client
name (`s3`, `s3control`, `elbv2`, `cloudwatch`...) and `action` the API operation name. How the
action is found depends on the protocol:

* query / ec2 (IAM, STS, EC2, RDS, SNS, ELB...): the `Action` form field (body or query string);
  `Version` picks between services sharing a signing name (elb vs elbv2).
* JSON (KMS, CloudTrail, Config, Logs, DynamoDB, ECR...): the `X-Amz-Target` header,
  `<targetPrefix>.<Operation>`.
* REST-XML and REST-JSON (S3, S3 Control, Lambda, EFS, GuardDuty...): method, path and query
  string matched against the `requestUri` templates of botocore's service models; the most
  specific template wins (`GET /bucket?policy` is GetBucketPolicy, `GET /bucket` ListObjects).

The service comes from the SigV4 credential scope in the Authorization header, so requests are
attributed correctly whatever host they were sent to.
"""

from __future__ import annotations

import argparse
import base64
import functools
import json
import re
import sys
import urllib.request
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

# Read-only by naming convention. HEAD is HTTP's read-only method (S3 HeadBucket/HeadObject);
# BatchGet* and Lookup* (CloudTrail LookupEvents) only read.
READ_ONLY_PREFIXES = ("List", "Describe", "Get", "Head", "BatchGet", "Lookup")

# Calls that change nothing a posture scan cares about although their names say otherwise.
# Keep this short and explicit: every entry is a claim that the call is safe to make.
READ_ONLY_ALLOWLIST = frozenset(
    {
        ("sts", "AssumeRole"),  # obtains credentials; changes no resource
        ("sts", "GetCallerIdentity"),  # (also covered by Get*, listed for clarity)
        ("iam", "GenerateCredentialReport"),  # starts the report GetCredentialReport reads
    }
)

# Services whose REST requests are judged by HTTP method alone: a PUT, POST or DELETE to S3 is
# a write whatever operation it maps to (and the mapping is best-effort).
METHOD_JUDGED_SERVICES = frozenset({"s3", "s3control"})

# Signing names (credential scope) that differ from the botocore client name, for the services
# a posture scanner touches. Anything else falls back to a full index of botocore's models.
SIGNING_ALIASES: dict[str, list[str]] = {
    "monitoring": ["cloudwatch"],
    "elasticloadbalancing": ["elbv2", "elb"],
    "s3": ["s3", "s3control"],
    "elasticfilesystem": ["efs"],
    "access-analyzer": ["accessanalyzer"],
    "states": ["stepfunctions"],
    "tagging": ["resourcegroupstaggingapi"],
    "elasticmapreduce": ["emr"],
    "es": ["opensearch", "es"],
    "apigateway": ["apigateway", "apigatewayv2"],
    "ses": ["ses", "sesv2"],
    "email": ["ses"],
    "dynamodb": ["dynamodb", "dynamodbstreams"],
    "rds": ["rds", "docdb", "neptune"],
    "servicequotas": ["service-quotas"],
    "sso": ["sso-admin"],
    "airflow": ["mwaa"],
    "aoss": ["opensearchserverless"],
    "cloudcontrolapi": ["cloudcontrol"],
    "geo": ["location"],
    "mobiletargeting": ["pinpoint"],
}


@dataclass(frozen=True)
class Request:
    """The protocol-relevant parts of one HTTP request, whatever log it came from."""

    method: str
    path: str
    query: str
    headers: dict[str, str]  # lower-case names
    form: dict[str, str]  # Action/Version of query-protocol requests
    status: int | None = None


@dataclass(frozen=True)
class Action:
    service: str  # botocore client name, or the signing name when unknown
    action: str  # operation name, or "?" when it could not be derived
    method: str
    path: str
    status: int | None
    region: str | None
    access_key: str | None  # tells the accounts apart: each assumed role has its own key

    @property
    def name(self) -> str:
        return f"{self.service}:{self.action}"


# -- loading ---------------------------------------------------------------------------------


def load(source: str | Path) -> list[Request]:
    """Reads a request log or a moto recording (file path, or an http:// moto endpoint)."""
    source = str(source)
    if source.startswith(("http://", "https://")):
        url = source.rstrip("/") + "/moto-api/recorder/download-recording"
        with urllib.request.urlopen(url, timeout=60) as response:
            text = response.read().decode("utf-8")
    else:
        text = Path(source).read_text(encoding="utf-8")
    requests = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        request = parse_entry(json.loads(line))
        if request is not None and not request.path.startswith("/moto-api"):
            requests.append(request)
    return requests


def parse_entry(entry: dict[str, Any]) -> Request | None:
    headers = {k.lower(): str(v) for k, v in (entry.get("headers") or {}).items()}
    if "url" in entry:
        # moto recorder: full URL, and the raw body (base64 when it was bytes).
        without_scheme = entry["url"].split("://", 1)[-1]
        path_and_query = "/" + without_scheme.split("/", 1)[1] if "/" in without_scheme else "/"
        path, _, query = path_and_query.partition("?")
        body = entry.get("body") or ""
        if entry.get("body_encoded"):
            body = base64.b64decode(body).decode("utf-8", "replace")
        form = {}
        if headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            parsed = parse_qs(body)
            form = {k: parsed[k][0] for k in ("Action", "Version") if k in parsed}
        return Request(entry.get("method", ""), path, query, headers, form, None)
    if "path" in entry:
        # moto_server.py --request-log
        return Request(
            entry.get("method", ""),
            entry["path"],
            entry.get("query", ""),
            headers,
            dict(entry.get("form") or {}),
            entry.get("status"),
        )
    return None


# -- classification --------------------------------------------------------------------------


def credential_scope(headers: dict[str, str]) -> tuple[str | None, str | None, str | None]:
    """(access key, region, signing name) from a SigV4 Authorization header."""
    match = re.search(
        r"Credential=([^/\s,]+)/\d{8}/([^/]+)/([^/]+)/aws4_request",
        headers.get("authorization", ""),
    )
    if not match:
        return None, None, None
    return match.group(1), match.group(2), match.group(3)


def classify(request: Request) -> Action:
    access_key, region, signing = credential_scope(request.headers)
    query = parse_qs(request.query, keep_blank_values=True)
    service, action = signing or "?", "?"

    target = request.headers.get("x-amz-target")
    form_action = request.form.get("Action") or (query.get("Action") or [None])[0]
    if target and "." in target:
        prefix, action = target.rsplit(".", 1)
        service = service_for_target(signing, prefix) or service
    elif form_action:
        action = form_action
        version = request.form.get("Version") or (query.get("Version") or [None])[0]
        service = service_for_query(signing, version) or service
    elif signing:
        match = match_rest(signing, request.method, request.path, query)
        if match:
            service, action = match
    return Action(service, action, request.method, request.path, request.status, region, access_key)


def actions(requests: Iterable[Request]) -> list[Action]:
    return [classify(r) for r in requests]


def is_read_only(action: Action) -> bool:
    if action.service in METHOD_JUDGED_SERVICES and action.method.upper() in (
        "PUT",
        "POST",
        "DELETE",
        "PATCH",
    ):
        return False
    if (action.service, action.action) in READ_ONLY_ALLOWLIST:
        return True
    return action.action.startswith(READ_ONLY_PREFIXES)


def mutating(calls: Iterable[Action]) -> list[Action]:
    """The calls that are not known to be read-only. Unclassified calls ("?") count as mutating:
    a scanner's read-only claim has to be provable from the log."""
    return [a for a in calls if not is_read_only(a)]


# -- botocore model lookups ----------------------------------------------------------------------


@functools.cache
def _loader() -> Any:
    import botocore.session

    return botocore.session.get_session().get_component("data_loader")


@functools.cache
def _model(service: str) -> dict[str, Any] | None:
    try:
        return _loader().load_service_model(service, "service-2")
    except Exception:  # noqa: BLE001 - unknown service name
        return None


@functools.cache
def _signing_index() -> dict[str, list[str]]:
    # Loads every model (~2.5 s); only reached for signing names missing from SIGNING_ALIASES.
    index: dict[str, list[str]] = {}
    for name in _loader().list_available_services("service-2"):
        meta = (_model(name) or {}).get("metadata", {})
        index.setdefault(meta.get("signingName") or meta.get("endpointPrefix", name), []).append(
            name
        )
    return index


def candidates(signing: str | None) -> list[str]:
    if not signing:
        return []
    if signing in SIGNING_ALIASES:
        return SIGNING_ALIASES[signing]
    model = _model(signing)
    if model is not None:
        meta = model.get("metadata", {})
        if (meta.get("signingName") or meta.get("endpointPrefix")) == signing:
            return [signing]
    return _signing_index().get(signing, [])


def service_for_target(signing: str | None, prefix: str) -> str | None:
    for name in candidates(signing):
        if (_model(name) or {}).get("metadata", {}).get("targetPrefix") == prefix:
            return name
    return None


def service_for_query(signing: str | None, version: str | None) -> str | None:
    names = candidates(signing)
    for name in names:
        meta = (_model(name) or {}).get("metadata", {})
        if meta.get("protocol") in ("query", "ec2") and (
            version is None or meta.get("apiVersion") == version
        ):
            return name
    return names[0] if names else None


@dataclass(frozen=True)
class _Route:
    service: str
    operation: str
    method: str
    pattern: re.Pattern[str]
    required_query: tuple[tuple[str, str | None], ...]
    literal_length: int
    penalty: int


@functools.cache
def _routes(service: str) -> tuple[_Route, ...]:
    model = _model(service) or {}
    routes = []
    for name, op in model.get("operations", {}).items():
        http = op.get("http", {})
        uri = http.get("requestUri")
        if not uri:
            continue
        path_template, _, query_template = uri.partition("?")
        required: list[tuple[str, str | None]] = []
        for part in filter(None, query_template.split("&")):
            key, sep, value = part.partition("=")
            required.append((key, value if sep else None))
        # Required query-string members tell apart operations that share a template:
        # DELETE /bucket/key is DeleteObject, plus ?uploadId=... AbortMultipartUpload.
        shape = model.get("shapes", {}).get(op.get("input", {}).get("shape", ""), {})
        for member in shape.get("required", []):
            spec = shape.get("members", {}).get(member, {})
            if spec.get("location") == "querystring":
                required.append((spec.get("locationName", member), None))
        regex = ""
        literal = 0
        for piece in re.split(r"(\{[^}]+\})", path_template):
            if piece.startswith("{"):
                regex += "(.+)" if piece.endswith("+}") else "([^/]+)"
            else:
                regex += re.escape(piece)
                literal += len(piece)
        regex = regex.rstrip("/") + "/?"
        # Deprecated twins (GetBucketLifecycle) and S3 Express control operations share
        # templates with the operations clients actually use; rank them last.
        penalty = int(bool(op.get("deprecated"))) + int(bool(op.get("staticContextParams")))
        routes.append(
            _Route(
                service,
                name,
                http.get("method", "POST").upper(),
                re.compile(f"^{regex}$"),
                tuple(required),
                literal,
                penalty,
            )
        )
    return tuple(routes)


def match_rest(
    signing: str, method: str, path: str, query: dict[str, list[str]]
) -> tuple[str, str] | None:
    best: tuple[tuple[int, int, int], _Route] | None = None
    path = path or "/"
    for service in candidates(signing):
        for route in _routes(service):
            if route.method != method.upper() or not route.pattern.match(path):
                continue
            if not all(
                key in query and (value is None or value in query[key])
                for key, value in route.required_query
            ):
                continue
            score = (len(route.required_query), route.literal_length, -route.penalty)
            if best is None or score > best[0]:
                best = (score, route)
    return (best[1].service, best[1].operation) if best else None


# -- command line ----------------------------------------------------------------------------


def summary(calls: list[Action]) -> dict[str, Any]:
    counts = Counter((a.service, a.action) for a in calls)
    statuses = Counter(a.status for a in calls if a.status is not None)
    flagged = mutating(calls)
    flagged_keys = {(a.service, a.action) for a in flagged}
    return {
        "total": len(calls),
        "by_status": {str(k): v for k, v in sorted(statuses.items())},
        "by_service": dict(sorted(Counter(a.service for a in calls).items())),
        "by_action": [
            {"service": s, "action": a, "count": n, "mutating": (s, a) in flagged_keys}
            for (s, a), n in sorted(counts.items())
        ],
        "mutating": sorted({f"{a.service}:{a.action} {a.method} {a.path}" for a in flagged}),
    }


def main(argv: list[str] | None = None) -> int:
    import signal

    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` should end quietly
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", help="request log or moto recording (JSON lines)")
    parser.add_argument("--endpoint", help="download the recording from this moto server")
    parser.add_argument("--json", action="store_true", help="print a JSON summary")
    parser.add_argument("--requests", action="store_true", help="print each request as JSON")
    parser.add_argument(
        "--fail-on-mutating", action="store_true", help="exit 1 when any request is not read-only"
    )
    args = parser.parse_args(argv)
    if not args.source and not args.endpoint:
        parser.error("give a recording file or --endpoint")

    calls = actions(load(args.endpoint or args.source))
    if args.requests:
        for call in calls:
            print(json.dumps({**asdict(call), "mutating": not is_read_only(call)}))
    elif args.json:
        print(json.dumps(summary(calls), indent=2))
    else:
        result = summary(calls)
        for row in result["by_action"]:
            flag = "  MUTATING" if row["mutating"] else ""
            print(f"{row['count']:6d}  {row['service']}:{row['action']}{flag}")
        print(
            f"{result['total']:6d}  total ({len(result['by_action'])} distinct actions, "
            f"status {result['by_status'] or 'n/a'})"
        )
    return 1 if args.fail_on_mutating and mutating(calls) else 0


if __name__ == "__main__":
    sys.exit(main())
