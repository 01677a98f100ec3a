#!/usr/bin/env python3
"""Every operation of the OpenAPI document, asked with the values users and scripts get wrong:
the ids, the query parameters and each field of each body in turn replaced by edge values
(empty, huge, negative, the wrong type, a date that does not exist, a year of 0000, text beyond
ASCII, a NUL), whole bodies that are not what the route reads (not JSON, an array, nested 10,000
deep, invalid UTF-8, a field it does not read, which must be refused, while each field the
document lists must be read), every agent tool over
/v1/mcp, the headers the API reads, the methods each path does not take, and bytes that are not
HTTP/1.1 at all (sent on a bare socket). Run against `trendline demo` (SQLite), then, when
TRENDLINE_TEST_POSTGRES_URL is set (CI sets it), against `trendline serve` on a new PostgreSQL
database with the simulator as its platforms: PostgreSQL refuses things SQLite takes.

Each answer must be below 500, and each refusal the one error envelope (`ok: false`, and an
error with `code`, `message` and `request_id`). Each server must still be running at the end and
still answer its own video. The values are a fixed list, so a failure is repeatable; a failing
request is printed as a curl command. Routes that delete are asked with the edge values only,
so the fixtures the other routes name stay. Needs the built binary (.build/debug/trendline).
"""
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

from checks import Checks, create_database, free_port, psql, simulator_env, start_demo, stop, wait_http

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("TRENDLINE_BIN", os.path.join(ROOT, ".build", "debug", "trendline"))
DOCUMENT = os.path.join(ROOT, "Sources", "TrendlineAPI", "Resources", "openapi.json")
CHECKS = Checks()

EDGE_TEXT = ["", " ", "a" * 5000, "École\u00a0ünïcödé", "😀", "nul\u0000byte", "../../etc/passwd", "%", "null", "-1",
             "0000-01-01", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2026-02-30", "2026-13-01",
             "2026-11-01T25:00:00Z", "+275760-09-13T00:00:00Z", "1e309", "NaN",
             "https://www.youtube.com/watch?v=" + "x" * 3000, "javascript:alert(1)", "http://[::1", "https://",
             "https://www.tiktok.com/@a/video/99999999999999999999999999999999"]
EDGE_NUMBERS = [-1, 0, 2 ** 31, 2 ** 63, 2 ** 64, -(2 ** 63) - 1, 10 ** 40, 1e308, -1e308, 0.5]
EDGE_OTHER = [None, True, [], {}, [None], {"": None}]
EDGE_QUERY = EDGE_TEXT + ["0", "2147483648", "9223372036854775808", "99999999999999999999999", "1.5", "abc", " 1",
                          "true", "maybe"]
EDGE_PATH = ["0", "-1", "9" * 40, "%00", "%FF", "a%2Fb", "%C3%A9", "x" * 2000, "..", "%20", "null"]
WHOLE_BODIES = [b"", b"not json", b"[]", b"null", b"42", b'"text"', b"{", b'{"a":1}{', b"\xff\xfe\x00",
                b"[" * 10000 + b"]" * 10000, b'{"a":' * 10000 + b"1" + b"}" * 10000,
                json.dumps({"urls": ["https://youtu.be/" + "a" * 11] * 5000}).encode()]


def edge_values():
    return EDGE_TEXT + EDGE_NUMBERS + EDGE_OTHER + [[v] for v in ("", 0, None, "a" * 5000)]


class Client:
    def __init__(self, port, key):
        self.port, self.key, self.count, self.statuses = port, key, 0, {}

    def ask(self, method, path, body=None, headers=None):
        """(status, parsed JSON or None, raw bytes) of one request; body is bytes or None."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {"X-API-Key": self.key, "Content-Type": "application/json"}
        sent.update(headers or {})
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            raw = response.read()
            self.count += 1
            self.statuses[response.status] = self.statuses.get(response.status, 0) + 1
        finally:
            connection.close()
        try:
            return response.status, json.loads(raw), raw
        except ValueError:
            return response.status, None, raw


def curl(method, path, body):
    shown = "" if body is None else f" -d '{body[:300].decode('utf-8', 'replace')}{'...' if len(body) > 300 else ''}'"
    return f"curl -X {method} 'http://127.0.0.1:8080{path[:400]}'{shown}"


def judge(client, failures, method, path, body=None, headers=None):
    """Asks once; a 5xx, a refusal without the envelope, or a dead connection is a failure.
    Answers (status, parsed JSON), or (None, None) when nothing came back."""
    try:
        status, parsed, raw = client.ask(method, path, body, headers)
    except (OSError, http.client.HTTPException) as error:
        failures.append(f"no answer ({error!r}): {curl(method, path, body)}")
        return None, None
    if status >= 500:
        failures.append(f"{status} {raw[:200]!r}: {curl(method, path, body)}")
    elif status >= 400 and path.startswith("/v1/") and path != "/v1/mcp" and method != "HEAD":
        error = (parsed or {}).get("error") if isinstance(parsed, dict) else None
        if parsed is None or parsed.get("ok") is not False or not isinstance(error, dict) or \
                not all(isinstance(error.get(name), str) and error.get(name) for name in ("code", "message", "request_id")):
            failures.append(f"{status} without the error envelope {raw[:200]!r}: {curl(method, path, body)}")
    return status, parsed


def judge_body(client, failures, method, path, body, schema):
    """judge() for a JSON object body; when it holds only fields the document lists, the route
    must read each of them: an "unknown field" refusal means the document and the route differ."""
    status, parsed = judge(client, failures, method, path, json.dumps(body).encode())
    error = (parsed or {}).get("error") if isinstance(parsed, dict) else None
    message = error.get("message", "") if isinstance(error, dict) else ""
    if set(body) <= set(schema.get("properties", {})) and str(message).startswith("unknown field"):
        failures.append(f"the document lists a field the route does not read ({message[:100]}): {curl(method, path, json.dumps(body).encode())}")
    return status, parsed


def follow(document, schema, depth=0):
    """The schema with its $ref, oneOf/anyOf/allOf resolved to the first or merged form."""
    if depth > 20 or not isinstance(schema, dict):
        return {}
    if "$ref" in schema:
        target = document
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return follow(document, target, depth + 1)
    for choice in ("oneOf", "anyOf"):
        if choice in schema:
            return follow(document, schema[choice][0], depth + 1)
    if "allOf" in schema:
        merged = {"type": "object", "properties": {}, "required": []}
        for part in schema["allOf"]:
            part = follow(document, part, depth + 1)
            merged["properties"].update(part.get("properties", {}))
            merged["required"] += part.get("required", [])
        return merged
    return schema


def example(document, schema, fixtures, name="", depth=0):
    """A plausible value for the schema, naming the fixtures where a field names a video, creator or URL."""
    schema = follow(document, schema)
    if depth > 6:
        return None
    if "example" in schema:
        return schema["example"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if kind == "object" or "properties" in schema:
        return {key: example(document, value, fixtures, key, depth + 1) for key, value in schema.get("properties", {}).items()}
    if kind == "array":
        return [example(document, schema.get("items", {}), fixtures, name, depth + 1)]
    if kind == "integer":
        return max(schema.get("minimum", 1), 1)
    if kind == "number":
        return 1.0
    if kind == "boolean":
        return True
    if "url" in name:
        return "https://www.youtube.com/watch?v=fuzzExample"
    if name in ("ids", "id", "video_id", "video_ids"):
        return fixtures["video"]
    if name in ("campaign", "name"):
        return "Fuzz"
    if schema.get("format") == "date-time":
        return "2026-11-01T00:00:00Z"
    return "fuzz"


def fixture_for(path, parameter, fixtures):
    if parameter == "delivery":
        return fixtures["delivery"]
    if parameter == "name":
        return urllib.parse.quote("Fuzz", safe="")
    for prefix, fixture in (("/v1/videos", "video"), ("/v1/creators", "creator"), ("/v1/webhooks", "webhook")):
        if path.startswith(prefix):
            return fixtures[fixture]
    return "x"


def fill(path, values):
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    return path


def variants(values, required, destructive):
    """The objects to send for fields with these plausible values: the required fields alone;
    then each field in turn added to them with its plausible value and with each edge value; each
    required field left out; an unknown field. A destructive route gets each edge value alone,
    so no plausible id ever reaches it."""
    base = {} if destructive else {name: value for name, value in values.items() if name in required}
    made = [] if destructive else [base]
    for name, value in values.items():
        if not destructive and name not in required:
            made.append(dict(base, **{name: value}))
        made += [dict(base, **{name: edge}) for edge in edge_values()]
        if name in required:
            made.append({k: v for k, v in base.items() if k != name})
    made.append(dict(base, unknown_field=1))
    return made


def fuzz_headers(client, failures, fixtures):
    """The headers the API reads, each with edge values, on a video's detail (answered from
    memory once read), the list, a write and MCP: the key and its Bearer form, a caller's
    request id (echoed back), MCP's Origin and protocol version."""
    odd = ["", " ", "x" * 8000, "tl_live_" + "0" * 64, "Bearer", "Bearer ", "Bearer  x", "Basic Zm9vOmJhcg==",
           "\u00e9t\u00e9", "a,b", "null", "-1", "../.."]
    routes = [("GET", f"/v1/videos/{fixtures['video']}", None), ("GET", "/v1/videos?limit=2", None),
              ("PATCH", f"/v1/videos/{fixtures['video']}", b'{"notes": "fuzz"}'),
              ("POST", "/v1/mcp", b'{"jsonrpc": "2.0", "id": 1, "method": "ping"}')]
    for method, path, body in routes:
        judge(client, failures, method, path, body)  # a detail read twice is answered from memory
        for name in ("X-API-Key", "Authorization", "X-Request-Id", "Origin", "MCP-Protocol-Version", "Content-Type", "Accept"):
            for value in odd:
                headers = {name: value}
                if name == "Authorization":
                    headers["X-API-Key"] = ""
                judge(client, failures, method, path, body, headers)


def fuzz_methods(client, failures, document, fixtures):
    """Each path of the document with the methods it does not list (and HEAD, OPTIONS and
    TRACE): a 405 or 404 in the envelope, HEAD answered as GET is, OPTIONS 204, never a 5xx.
    (A method HTTP does not define is refused by NIO's parser: fuzz_framing.)"""
    for path, item in document["paths"].items():
        target = fill(path, {name: fixture_for(path, name, fixtures) for name in re.findall(r"{(\w+)}", path)})
        listed = {method.upper() for method in item if method in ("get", "post", "put", "patch", "delete")}
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"]:
            if method in listed:
                continue
            status, _ = judge(client, failures, method, target, None)
            if method == "HEAD" and "GET" in listed:
                got = client.ask("GET", target)[0]
                if status != got:
                    failures.append(f"HEAD {target} answered {status} where GET answers {got}")
            if method == "OPTIONS" and status != 204:
                failures.append(f"OPTIONS {target} answered {status}, not 204")


def fuzz_tools(client, failures, document, fixtures):
    """Each agent tool of `/v1/mcp`, called with its arguments named from the fixtures, then with
    each argument in turn an edge value: every answer a JSON-RPC result or error, and no tool
    result carrying a 5xx of the API it calls (INTERNAL_ERROR). Tools that delete or exclude
    are called with edge values only."""
    def rpc(message):
        status, answer = judge(client, failures, "POST", "/v1/mcp", json.dumps(message).encode())
        return answer if status == 200 else None

    listed = rpc({"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    tools = (listed or {}).get("result", {}).get("tools", [])
    CHECKS.check(len(tools) >= 30, f"tools/list names the agent tools: {len(tools)}")
    outcomes = {"answered": 0, "refused": 0}
    for tool in tools:
        schema = tool.get("inputSchema", {})
        arguments = {}
        for name, property_schema in schema.get("properties", {}).items():
            if name in ("id", "video_id") and "webhook" in tool["name"]:
                arguments[name] = fixtures["webhook"]
            elif name == "delivery":
                arguments[name] = fixtures["delivery"]
            elif name == "id" and "creator" in tool["name"]:
                arguments[name] = fixtures["creator"]
            else:
                arguments[name] = example(document, property_schema, fixtures, name)
        destructive = tool["name"].startswith(("delete_", "unfollow_")) or tool["name"] == "review_inbox"
        for number, variant in enumerate(variants(arguments, schema.get("required", []), destructive) + [None]):
            params = {"name": tool["name"]} if variant is None else {"name": tool["name"], "arguments": variant}
            answer = rpc({"jsonrpc": "2.0", "id": number + 2, "method": "tools/call", "params": params})
            if answer is None:
                continue
            if not isinstance(answer, dict) or ("result" not in answer and "error" not in answer):
                failures.append(f"tools/call {tool['name']} answered {str(answer)[:200]}: {json.dumps(params)[:300]}")
                continue
            text = json.dumps(answer.get("result", {}))
            outcomes["refused" if "error" in answer or answer["result"].get("isError") else "answered"] += 1
            if "INTERNAL" in text:
                failures.append(f"tools/call {tool['name']} got an internal error {text[:300]}: {json.dumps(params)[:300]}")
    CHECKS.check(outcomes["answered"] >= len(tools) - 6, f"tool calls: {outcomes}")
    for raw in WHOLE_BODIES + [b'{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": []}',
                               b'{"jsonrpc": "2.0", "id": {}, "method": "ping"}', b'[{"jsonrpc": "2.0", "method": "ping"}]',
                               b'{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": 5}}']:
        judge(client, failures, "POST", "/v1/mcp", raw)


FRAMINGS = [
    b"FOO /v1/videos HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GARBAGE\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 40,  # a TLS hello on the plain port
    b"GET /v1/videos HTTP/9.9\r\nHost: x\r\n\r\n",
    b"GET /v1/vid eos HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /v1/videos HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n",
    b"GET /v1/videos HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n",
    b"GET /v1/videos HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: 1\r\n" % n for n in range(2000)) + b"\r\n",
    b"POST /v1/videos/track HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    b"POST /v1/videos/track HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
    b"POST /v1/videos/track HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n{}",
    b"POST /v1/videos/track HTTP/1.1\r\nHost: x\r\nX-API-Key: KEY\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"url\r\nzz\r\n",
    b"GET /v1/videos HTTP/1.1\r\nHost: x\r\nX-API-Key: KEY\r\n\r\nGET /v1/videos HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
]


def fuzz_framing(port, key, failures):
    """Bytes that are not HTTP/1.1, each on its own connection: every answer on it below 500,
    the last one a 4xx in the error envelope, and the connection closed by the server."""
    for sent in FRAMINGS:
        sent = sent.replace(b"KEY", key.encode())
        shown = f"{sent[:80]!r}{'...' if len(sent) > 80 else ''}"
        with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
            try:
                connection.sendall(sent)
            except OSError:
                pass  # the server may close before reading all of a huge head; its answer is still read
            got = b""
            try:
                while chunk := connection.recv(65536):
                    got += chunk
            except OSError as error:
                failures.append(f"{shown}: the connection was not closed ({error!r}) after {got[:200]!r}")
                continue
        statuses = [int(code) for code in re.findall(rb"HTTP/1\.1 (\d{3}) ", got)]
        last = got.rsplit(b"\r\n\r\n", 1)[-1] if statuses else b""
        try:
            error = json.loads(last).get("error") or {}
        except ValueError:
            error = {}
        if not statuses or any(status >= 500 for status in statuses) or not 400 <= statuses[-1] < 500 or \
                not all(isinstance(error.get(name), str) and error.get(name) for name in ("code", "message", "request_id")):
            failures.append(f"{shown}: answered {got[:300]!r}")


def fuzz(server, process, port, key):
    """Every check above against one running server: `server` says which in the output."""
    failures = []
    CHECKS.check(key is not None, f"{server}: a key")
    if key is None:
        return
    client = Client(port, key)
    document = json.load(open(DOCUMENT))

    def made(method, path, body):
        status, parsed, raw = client.ask(method, path, json.dumps(body).encode())
        if not (isinstance(parsed, dict) and parsed.get("ok")):
            raise SystemExit(f"fixture {method} {path} answered {status}: {raw[:300]!r}")
        return parsed["data"]

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/v1/ping", headers={"X-API-Key": key})
    limited = connection.getresponse().getheader("X-RateLimit-Limit")
    connection.close()
    CHECKS.check(limited is None, f"{server}: no rate limit (X-RateLimit-Limit {limited})")
    fixtures = {
        "video": made("POST", "/v1/videos/track", {"url": "https://www.youtube.com/watch?v=fuzzFixture", "campaign": "Fuzz"})["results"][0]["video_id"],
        "creator": made("POST", "/v1/creators", {"url": "https://www.tiktok.com/@fuzz_fixture"})["id"],
        "webhook": made("POST", "/v1/webhooks", {"url": f"http://127.0.0.1:{port}/health", "events": ["snapshot.created"]})["id"],
    }
    made("POST", f"/v1/webhooks/{fixtures['webhook']}/test", {})
    deliveries = client.ask("GET", f"/v1/webhooks/{fixtures['webhook']}/deliveries")[1]["data"]
    items = deliveries.get("deliveries", deliveries.get("items", [])) if isinstance(deliveries, dict) else deliveries
    fixtures["delivery"] = str(items[0]["id"]) if items else "1"

    operations = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            if method in ("get", "post", "put", "patch", "delete"):
                operations.append((path, method.upper(), operation))
    # Deleting routes last, so the others still find the fixtures.
    operations.sort(key=lambda op: op[1] == "DELETE" or op[0].endswith(("/delete", "/exclude")))
    for path, method, operation in operations:
        # Excluding works on any video (docs/api.md, Inbox), so it is one of them.
        destructive = method == "DELETE" or path.endswith("/delete") or path.endswith("/exclude")
        parameters = [follow(document, p) for p in operation.get("parameters", [])]
        in_path = [p["name"] for p in parameters if p.get("in") == "path"]
        in_query = [p for p in parameters if p.get("in") == "query"]
        valid = {name: fixture_for(path, name, fixtures) for name in in_path}
        body_schema = None
        if "requestBody" in operation:
            content = follow(document, operation["requestBody"]).get("content", {})
            body_schema = follow(document, content.get("application/json", {}).get("schema", {}))
        base_body = example(document, body_schema, fixtures) if body_schema else None
        encoded = None if base_body is None else json.dumps(base_body).encode()

        # Each path parameter in turn takes each edge value, the others their fixture.
        for name in in_path:
            for value in EDGE_PATH:
                judge(client, failures, method, fill(path, dict(valid, **{name: value})), encoded)
        target = fill(path, valid)
        if destructive:
            if isinstance(base_body, dict) and not in_path:
                for body in variants(base_body, body_schema.get("required", []), True):
                    judge_body(client, failures, method, target, body, body_schema)
            continue
        # Each query parameter in turn, and all of them repeated.
        for parameter in in_query:
            for value in EDGE_QUERY:
                query = urllib.parse.urlencode({parameter["name"]: value})
                judge(client, failures, method, f"{target}?{query}", encoded)
        if in_query:
            twice = "&".join(f"{p['name']}=1&{p['name']}=2" for p in in_query)
            judge(client, failures, method, f"{target}?{twice}", encoded)
        if body_schema is None:
            judge(client, failures, method, target, b"{}")
            continue
        # The body's fields in turn (variants), then bodies that are not what the route reads.
        if isinstance(base_body, dict):
            for body in variants(base_body, body_schema.get("required", []), destructive):
                judge_body(client, failures, method, target, body, body_schema)
            # A field the route does not read is refused, never ignored (the bodies are closed;
            # /v1/mcp carries JSON-RPC, which is not).
            if path != "/v1/mcp":
                extra = json.dumps(dict(base_body, durration_days=7)).encode()
                status, _ = judge(client, failures, method, target, extra)
                if status is not None and status < 300:
                    failures.append(f"{status}: a field the route does not read was accepted: {curl(method, target, extra)}")
        for raw in WHOLE_BODIES:
            judge(client, failures, method, target, raw)
        judge(client, failures, method, target, encoded, {"Content-Type": "text/plain"})

    fuzz_tools(client, failures, document, fixtures)
    fuzz_headers(client, failures, fixtures)
    fuzz_methods(client, failures, document, fixtures)
    fuzz_framing(port, key, failures)

    CHECKS.check(client.count > 3000, f"{server}: requests asked: {client.count}, answers {dict(sorted(client.statuses.items()))}")
    for failure in failures[:60]:
        print("  " + failure)
    CHECKS.check(not failures, f"{server}: no answer of 500 or over, and every refusal in the envelope: {len(failures)} failures")
    CHECKS.check(process.poll() is None, f"{server}: still runs")
    status, parsed, raw = client.ask("GET", f"/v1/videos/{fixtures['video']}")
    CHECKS.check(status == 200 and parsed["data"]["id"] == fixtures["video"], f"{server}: still answers its own video: {status} {raw[:200]!r}")


def main():
    # The demo, on SQLite, with its rate limit off.
    demo, port, key, log = start_demo(BIN, ROOT, "trendline-fuzz-test-", ["--requests-per-minute", "0"])
    try:
        fuzz("demo (SQLite)", demo, port, key)
    finally:
        stop(demo)
        if CHECKS.failed:
            log.seek(0)
            print(log.read()[-3000:])

    # `serve` on a new PostgreSQL database (CI provides the server), providers on the simulator:
    # PostgreSQL refuses what SQLite takes (a NUL in text, numbers beyond bigint).
    base = os.environ.get("TRENDLINE_TEST_POSTGRES_URL")
    if not base:
        print("TRENDLINE_TEST_POSTGRES_URL is not set: the PostgreSQL run is skipped")
        return CHECKS.summary("fuzz_test")
    database = f"trendline_fuzz_{os.getpid()}"
    url = create_database(base, database)
    simulator_port, port = free_port(), free_port()
    simulator_url = f"http://127.0.0.1:{simulator_port}"
    env = simulator_env(ROOT, simulator_url, TRENDLINE_DATABASE_URL=url, TRENDLINE_REQUESTS_PER_MINUTE="0",
                        TRENDLINE_WEBHOOKS_ALLOW_PRIVATE="true", TRENDLINE_LOG_LEVEL="warning")
    simulator = subprocess.Popen([BIN, "simulate", "--port", str(simulator_port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log = tempfile.TemporaryFile(mode="w+")
    server = None
    try:
        subprocess.run([BIN, "accounts", "create", "fuzz"], env=env, check=True, capture_output=True)
        key = subprocess.run([BIN, "keys", "create", "--account", "fuzz"], env=env, check=True, capture_output=True, text=True).stdout.strip()
        server = subprocess.Popen([BIN, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
        wait_http(f"http://127.0.0.1:{port}/health")
        fuzz("serve (PostgreSQL)", server, port, key)
    finally:
        for process in (server, simulator):
            if process:
                stop(process)
        if CHECKS.failed:
            log.seek(0)
            print(log.read()[-3000:])
        psql(base, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    return CHECKS.summary("fuzz_test")


if __name__ == "__main__":
    sys.exit(main())
