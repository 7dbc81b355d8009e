"""Start moto server for the suite: fixes and additions for fidelity, and speed-ups.

Speed: moto answers DescribeImages from thousands of bundled AMIs (seconds per call), and builds every
AWS-managed IAM policy for every account in every partition the first time an account is seen (about two
seconds per account, with the server's lock held). The suite needs a couple of Amazon Linux images and
the commercial partition only: MOTO_AMIS_PATH names a small AMI list, and the AWS-managed policies the
estates use (moto-managed-policies.json; POSTURE_MOTO_MANAGED_POLICIES="" offers all) are parsed once
and built for the "aws" partition only. moto also lists its package directory on every request;
the list is read once. Connections are kept alive (HTTP/1.1; werkzeug itself closes every one) instead
of one TCP connection per call, without Nagle's delay. Requests are not logged one line each (werkzeug's
log took a quarter of the server's time under load). Per-call work that never changes an answer is done
once (request ids, error tables, XML name checks, header parsing, host routing): see each function.
With POSTURE_MOTO_COUNT_CALLS=1 the server counts the calls it answers (the bench).

Fidelity: AWS's ListBuckets names each bucket's region (BucketRegion, since 2024); moto 5.2 leaves it
out, which would cost the audit one GetBucketLocation per bucket that AWS does not need. It is added.

Fix: moto 5 takes a Bool condition on aws:SecureTransport as always met, so the usual HTTPS-only statement
(Deny s3:* when aws:SecureTransport is "false") refuses every object call. Requests to AWS arrive over
TLS, and the emulator stands in for that: here aws:SecureTransport is "true", and such a Deny does not
apply.

Fix: moto 5 drops what a CloudFront distribution is told about origin access and edge functions (an
origin's OriginAccessControlId and S3OriginConfig, a cache behaviour's LambdaFunctionAssociations and
FunctionAssociations), so every distribution would read back as "no OAC, no viewer-request function".
They are stored and returned as given, nothing more.

Fix: moto 5 keeps AMIs per account, so an AMI another account made public (launch permission "all") or
shared with this one cannot be described here, unlike on AWS where anyone can describe a public AMI.
DescribeImages by id also finds those, with their real owner. Nothing else is changed.

Addition: moto 5.2 has no GetInstanceMetadataDefaults / ModifyInstanceMetadataDefaults (EC2's account-level
IMDS defaults, CIS 5.7); it answered them with a 500. They are stored per account and region as AWS does.
"""
import json
import os
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
os.environ.setdefault("MOTO_AMIS_PATH", os.path.join(HERE, "moto-amis.json"))

try:
    import moto.iam.access_control as access_control
    from moto.server import main
except ImportError as error:  # the launcher reports this as "moto is missing"
    sys.stderr.write(f"moto is not installed for {sys.executable}: {error}\n")
    sys.exit(3)

_original = access_control.IAMPolicyStatement.is_action_permitted


def _secure_transport_values(statement):
    bool_clause = (statement.get("Condition") or {}).get("Bool") or {}
    for key, value in bool_clause.items():
        if key.lower() == "aws:securetransport":
            return [str(v).lower() for v in (value if isinstance(value, list) else [value])]
    return None


def _is_action_permitted(self, action, resource="*", principal=None, incoming_condition_values=None):
    expected = _secure_transport_values(self._statement)
    if expected is not None and "true" not in expected:
        return access_control.PermissionResult.NEUTRAL  # the request is secure: the condition is not met
    return _original(self, action, resource, principal, incoming_condition_values)


access_control.IAMPolicyStatement.is_action_permitted = _is_action_permitted


def _patch_managed_policies():
    import moto.iam.models as iam_models

    parsed = {}
    offered_file = os.environ.get("POSTURE_MOTO_MANAGED_POLICIES", os.path.join(HERE, "moto-managed-policies.json"))
    offered = set(json.load(open(offered_file, encoding="utf-8"))["policies"]) if offered_file else None

    def _init_aws_policies(self):
        if not iam_models.load_iam_aws_managed_policies() or self.partition != "aws":
            return []
        if not parsed:
            everything = json.loads(iam_models.aws_managed_policies_data)
            parsed.update({name: data for name, data in everything.items() if offered is None or name in offered})
        return [iam_models.AWSManagedPolicy.from_data(name, self.account_id, self.region_name, data) for name, data in parsed.items()]

    iam_models.IAMBackend._init_aws_policies = _init_aws_policies


_patch_managed_policies()


def _cache_module_list():
    # moto lists its own package directory (about 180 stat calls) on every request to find a backend.
    import moto.backends as backends

    modules = tuple(backends.list_of_moto_modules())
    backends.list_of_moto_modules = lambda: modules


_cache_module_list()


def _cheaper_answers():
    # Costs moto pays on every answer, with nothing to show for them here: a 52-character request id
    # drawn one character at a time from a seeded generator (a twentieth of the server's time), each
    # error's lookup table built afresh (its factory's cache lives one call), and the XML names below.
    # Ids stay random; tables are shared.
    import secrets

    import moto.core.errors as errors
    import moto.core.responses as responses

    def request_id(headerdict=None):
        value = secrets.token_hex(26).upper()
        if isinstance(headerdict, dict):
            headerdict["x-amzn-requestid"] = value
        return value

    responses.gen_amzn_requestid_long = request_id
    shared_tables = {}

    def shared_factory(self):
        self._error_lut_cache = shared_tables

    errors.ErrorLookupFactory.__init__ = shared_factory

    # Every XML element name of every answer was checked against XML's naming rules anew; the names come
    # from the service models and repeat, so a name that passed once passes again.
    import xmltodict

    validate_name = xmltodict._validate_name
    valid_names = set()

    def remembered_validate_name(value, kind):
        if (value, kind) in valid_names:
            return
        validate_name(value, kind)  # raises on an invalid name, which is then not remembered
        if len(valid_names) < 10000:
            valid_names.add((value, kind))

    xmltodict._validate_name = remembered_validate_name


_cheaper_answers()


# What the self-tests' emulator compared (POSTURE_MOTO_CHECK_SERIALIZATION=1): attributes picked, XML
# documents written and answers wrapped, each both ways.
_check_tally = {"same": 0, "different": 0, "documents_same": 0, "documents_different": 0, "answers_same": 0, "answers_different": 0, "first_difference": None}


class _NotPlain(Exception):
    """A document the direct XML writer leaves to xmltodict (comments, namespaces, pretty printing, odd values)."""


def _direct_xml():
    # moto writes every XML answer through xmltodict, a SAX generator fed one event per element: a seventh
    # of the server's time. The same text is joined here directly, for the documents moto makes (no
    # comments, namespaces or pretty printing); anything else, and any document xmltodict would refuse,
    # still goes through xmltodict itself.
    from xml.sax.saxutils import escape, quoteattr

    import xmltodict

    unparse = xmltodict.unparse

    def text(value):
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (bytes, bytearray, memoryview)):
            return bytes(value).decode("utf-8", errors="replace")
        return str(value)

    def element(key, value, out, state, root):
        # xmltodict._emit and XMLGenerator in one: state is [short_empty_elements, a start tag still open].
        if not isinstance(key, str) or key == "#comment":
            raise _NotPlain()
        xmltodict._validate_name(key, "element")
        if not hasattr(value, "__iter__") or isinstance(value, (str, bytes, bytearray, memoryview, dict)):
            value = [value]
        elif not isinstance(value, (list, tuple)):
            raise _NotPlain()  # an iterator read here could not be read again by xmltodict
        for index, item in enumerate(value):
            if root and index > 0:
                raise _NotPlain()
            if item is None:
                item = {}
            elif not isinstance(item, (dict, str)):
                item = text(item)
            if isinstance(item, str):
                item = {"#text": item}
            cdata, attributes, children = None, [], []
            for child_key, child in item.items():
                if child_key == "#text":
                    cdata = None if child is None else text(child)
                elif isinstance(child_key, str) and child_key.startswith("@"):
                    if child_key == "@xmlns" and isinstance(child, dict):
                        raise _NotPlain()
                    name = child_key[1:]
                    xmltodict._validate_name(name, "attribute")
                    attributes.append(f" {name}={quoteattr('' if child is None else text(child))}")
                elif not (isinstance(child, list) and not child):
                    children.append((child_key, child))
            if state[1]:
                out.append(">")
            out.append(f"<{key}{''.join(attributes)}" if state[0] else f"<{key}{''.join(attributes)}>")
            state[1] = state[0]
            for child_key, child in children:
                if type(child) is not str or type(child_key) is not str or child_key == "#comment":
                    element(child_key, child, out, state, False)
                    continue
                # A text leaf, most of any answer, written in place.
                xmltodict._validate_name(child_key, "element")
                if state[1]:
                    out.append(">")
                    state[1] = False
                if child:
                    out.append(f"<{child_key}>{escape(child)}</{child_key}>")
                else:
                    out.append(f"<{child_key}/>" if state[0] else f"<{child_key}></{child_key}>")
            if cdata:
                if state[1]:
                    out.append(">")
                    state[1] = False
                out.append(escape(cdata))
            if state[1]:
                out.append("/>")
                state[1] = False
            else:
                out.append(f"</{key}>")

    def direct_unparse(input_dict, output=None, encoding="utf-8", full_document=True, short_empty_elements=False, comment_key="#comment", **kwargs):
        if output is not None or encoding != "utf-8" or comment_key != "#comment" or kwargs.get("pretty") or set(kwargs) - {"pretty"} or not isinstance(input_dict, dict):
            return unparse(input_dict, output, encoding, full_document, short_empty_elements, comment_key, **kwargs)
        out = ['<?xml version="1.0" encoding="utf-8"?>\n'] if full_document else []
        try:
            if full_document and len(input_dict) != 1:
                raise _NotPlain()
            state = [bool(short_empty_elements), False]
            for key, value in input_dict.items():
                element(key, value, out, state, full_document)
        except (_NotPlain, ValueError):
            return unparse(input_dict, output, encoding, full_document, short_empty_elements, comment_key, **kwargs)
        return "".join(out)

    def checked_unparse(input_dict, *args, **kwargs):
        # The self-tests' emulator writes every document both ways and counts the agreements.
        written = direct_unparse(input_dict, *args, **kwargs)
        expected = unparse(input_dict, *args, **kwargs)
        if written == expected:
            _check_tally["documents_same"] += 1
        else:
            _check_tally["documents_different"] += 1
            at = next((i for i, (a, b) in enumerate(zip(written, expected)) if a != b), min(len(written), len(expected)))
            _check_tally["first_difference"] = _check_tally["first_difference"] or f"XML at {at}: {written[at:at + 60]!r} != {expected[at:at + 60]!r}"
        return written

    checking = os.environ.get("POSTURE_MOTO_CHECK_SERIALIZATION") == "1"
    xmltodict.unparse = checked_unparse if checking else direct_unparse
    return unparse


_xmltodict_unparse = _direct_xml()


def _cheaper_serialization():
    # moto's serializer finds each attribute of an answer by asking six alias providers, made anew per
    # attribute, which names it may have, and matches the attribute's path against every response
    # transformer of the service (a fifth of the server's time for an audit). The names depend only on
    # the provider list, the object's type and Meta, the key and the shape (member shapes are made once
    # per service model, their parent fixed), and the transformer only on the path: each is worked out
    # once, then looked up. Anything else keeps moto's own path.
    from moto.core import serialize
    from moto.core.utils import MISSING, get_value as value_of

    original_get_value = serialize.ResponseSerializer.get_value
    fast_pickers = (serialize.AttributePicker, serialize.XFormedAttributePicker)
    names_by_attribute = {}
    transform_path_by_path = {}

    def get_value(self, value, key, shape):
        picker = self._value_picker
        if type(picker) not in fast_pickers or picker.alias_providers is not serialize.DEFAULT_ALIAS_PROVIDERS:
            return original_get_value(self, value, key, shape)
        try:
            attribute = (type(picker), type(value), getattr(value, "Meta", None), key, shape)
            names = names_by_attribute.get(attribute)
        except TypeError:  # an unhashable Meta
            return original_get_value(self, value, key, shape)
        if names is None:
            context = serialize.AttributePickerContext(
                obj=value, key=key, shape=shape, operation_model=self.operation_model,
                service_model=self.operation_model.service_model, key_path=".".join(self.path),
            )
            names = tuple(picker.get_possible_keys(context))
            if len(names_by_attribute) >= 100_000:
                names_by_attribute.clear()
            names_by_attribute[attribute] = names
        # A plain dict answers a missing name with get(), not with a raised and caught KeyError.
        plain_dict = type(value) is dict
        for name in names:
            found = value.get(name, MISSING) if plain_dict and "." not in name else value_of(value, name, MISSING)
            if found is not MISSING:
                break
        else:
            found = None
        transformers = picker.response_transformers
        if transformers:
            key_path = ".".join(self.path) + "." + key
            # The size tells a transformer table that moto extends at run time from its earlier self.
            memo_key = (id(transformers), len(transformers), key_path)
            path = transform_path_by_path.get(memo_key, MISSING)
            if path is MISSING:
                path = next((candidate for candidate in transformers if key_path.endswith(candidate)), None)
                if len(transform_path_by_path) >= 100_000:
                    transform_path_by_path.clear()
                transform_path_by_path[memo_key] = path
            if path is not None:
                found = transformers[path](found)
        return found

    serialize.ResponseSerializer.get_value = get_value
    return original_get_value


_moto_get_value = _cheaper_serialization()


def _check_serialization():
    # The self-tests' emulator (POSTURE_MOTO_CHECK_SERIALIZATION=1) has attributes picked both ways, moto's
    # and the remembered one (EC2 tags too: by id and by moto's pattern); GET
    # /moto-api/posture/serialization reads how many agreed and the first that did not. Objects without an
    # equality of their own (views made per access) compare by content, times to the second.
    if os.environ.get("POSTURE_MOTO_CHECK_SERIALIZATION") != "1":
        return
    import datetime

    from moto.core import serialize
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    remembered = serialize.ResponseSerializer.get_value
    tally = _check_tally

    def content(value, depth=0):
        if isinstance(value, datetime.datetime):  # "now" properties (RDS LatestRestorableTime) move between reads
            return value.replace(microsecond=0)
        if depth > 6:
            return type(value).__name__
        if isinstance(value, (list, tuple)):
            return [content(item, depth + 1) for item in value]
        if isinstance(value, dict):
            return {key: content(item, depth + 1) for key, item in value.items()}
        if hasattr(value, "__dict__") and type(value).__eq__ is object.__eq__:
            return (type(value).__name__, content(vars(value), depth + 1))
        return value

    checks_by_position = {}

    def checked_get_value(self, value, key, shape):
        picked = remembered(self, value, key, shape)
        # Three checks per position in an answer (object type, key, shape, path) keep a whole test run cheap.
        try:
            position = (type(value), key, shape, tuple(self.path))
            checks = checks_by_position.get(position, 0)
        except TypeError:
            position, checks = None, 0
        if checks >= 3:
            return picked
        if position is not None:
            checks_by_position[position] = checks + 1
        expected = _moto_get_value(self, value, key, shape)
        if picked is expected or picked == expected or content(picked) == content(expected) or (
            isinstance(picked, datetime.datetime) and isinstance(expected, datetime.datetime) and abs(picked - expected) < datetime.timedelta(seconds=1)
        ):
            tally["same"] += 1
        else:
            tally["different"] += 1
            tally["first_difference"] = tally["first_difference"] or f"{'.'.join(self.path)}.{key}: {picked!r:.80} != {expected!r:.80}"
        return picked

    serialize.ResponseSerializer.get_value = checked_get_value

    from moto.ec2.models.core import TaggedEC2Resource

    tags_by_id = TaggedEC2Resource.get_tags

    def checked_get_tags(self):
        found = tags_by_id(self)
        expected = _moto_get_tags(self)
        if found == expected:
            tally["same"] += 1
        else:
            tally["different"] += 1
            tally["first_difference"] = tally["first_difference"] or f"tags of {getattr(self, 'id', '?')}: {found!r:.80} != {expected!r:.80}"
        return found

    TaggedEC2Resource.get_tags = checked_get_tags
    dispatch = DomainDispatcherApplication.__call__

    def reporting_call(self, environ, start_response):
        if environ.get("PATH_INFO") != "/moto-api/posture/serialization":
            return dispatch(self, environ, start_response)
        body = json.dumps(tally).encode()
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    DomainDispatcherApplication.__call__ = reporting_call



def _cheaper_routing():
    # Per request, the server parsed its headers with the email package (a tenth of its time), matched
    # the host against every service's URL patterns, and S3 decided four times over whether the bucket
    # name is in the host. Simple header lines are read directly (anything else still goes through the
    # email parser, with the same result); the answers that depend only on the host are remembered.
    import http.client
    import re

    import moto.s3.responses as s3_responses
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    simple_line = re.compile(r"^[!-9;-~]+:[^\r\n]*\r?\n$")
    parse_headers = http.client.parse_headers

    def read_headers(fp, _class=http.client.HTTPMessage):
        lines = http.client._read_headers(fp)
        fields = [line.decode("iso-8859-1") for line in lines[:-1]]
        if not all(simple_line.match(field) for field in fields):
            return parse_headers(_LinesReader(lines), _class)
        message = _class()
        for field in fields:
            name, value = field.split(":", 1)
            message.set_raw(name, value.lstrip(" \t").rstrip("\r\n"))
        return message

    http.client.parse_headers = read_headers

    backend_for_host = DomainDispatcherApplication.get_backend_for_host
    backends_by_host = {}

    def cached_backend_for_host(self, host):
        if host is None:
            return None
        if host not in backends_by_host:
            backends_by_host[host] = backend_for_host(self, host)
        return backends_by_host[host]

    DomainDispatcherApplication.get_backend_for_host = cached_backend_for_host

    subdomain_based = s3_responses.S3Response.subdomain_based_buckets
    subdomain_by_host = {}

    def cached_subdomain_based(self, request):
        host = request.headers.get("host", request.headers.get("Host"))
        if not host:
            return subdomain_based(self, request)
        if host not in subdomain_by_host:
            subdomain_by_host[host] = subdomain_based(self, request)
        return subdomain_by_host[host]

    s3_responses.S3Response.subdomain_based_buckets = cached_subdomain_based


class _LinesReader:
    """Header lines already read, handed to http.client's own parser again."""

    def __init__(self, lines):
        self._lines = list(lines)

    def readline(self, limit=-1):
        return self._lines.pop(0) if self._lines else b""


_cheaper_routing()


def _answer(view, current):
    """moto's view (convert_to_flask_response) answering the given request."""
    return _response_of(current, _result_of(view, current))


def _result_of(view, current):
    import moto.core.utils as utils
    from moto.moto_api import recorder

    try:
        recorder._record_request(current)
        return view.callback(current, current.url, dict(current.headers))
    except utils.ClientError as exc:
        return 400, {}, exc.response["Error"]["Message"]


def _response_of(current, result):
    from flask import Response

    if len(result) == 3:
        status, headers, content = result
    else:
        status, headers, content = 200, {}, result
    response = Response(response=content, status=status, headers=headers)
    if current.method == "HEAD" and "content-length" in headers:
        response.headers["Content-Length"] = headers["content-length"]
    return response


# The check of the plain path (_check_without_flask) has Flask's path wrap a view's result again.
_replayed = threading.local()


def _request_not_proxy():
    # moto hands its handlers Flask's `request` proxy, so each of the ~50 reads of the request a call makes
    # (headers, URL, query, body) looked up the current context first: the request object itself instead.
    import moto.core.utils as utils
    from flask import request

    def __call__(self, args=None, **kwargs):
        replay = getattr(_replayed, "result", None)
        if replay is not None:
            _replayed.view = self
            return _response_of(request._get_current_object(), replay)
        return _answer(self, request._get_current_object())

    utils.convert_to_flask_response.__call__ = __call__


_request_not_proxy()


def _without_flask_contexts():
    # Flask wrapped every call in a request and an app context, signals, a session and its response
    # pipeline: a sixth of the server's time under an audit. A moto service app needs only its URL rule,
    # the view and flask-cors' headers, so a plain request goes straight to them. Anything else takes
    # Flask's own path: a preflight or a request with an Origin (CORS worked out per request), a gzipped
    # body outside S3 (moto's before-request hook unpacks it), an unmatched URL (Flask's error pages), moto's
    # own API (its dashboard renders Flask templates) and any app with hooks other than those two.
    from urllib.parse import unquote

    import flask_cors.core as cors
    from moto.core.utils import convert_to_flask_response
    from moto.moto_server.utilities import decompress_request_body
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication
    from werkzeug.exceptions import HTTPException

    def cors_resources(app):
        if getattr(app, "service", None) == "moto_api":
            return None
        after = app.after_request_funcs.get(None, [])
        before = app.before_request_funcs.get(None, [])
        other_hooks = any(app.teardown_request_funcs.values()) or any(app.url_value_preprocessors.values())
        if len(after) != 1 or after[0].__name__ != "cors_after_request" or before != [decompress_request_body] or other_hooks:
            return None
        free = dict(zip(after[0].__code__.co_freevars, (cell.cell_contents for cell in after[0].__closure__ or ())))
        return free.get("resources")

    def plain(environ):
        return not (
            environ["REQUEST_METHOD"] == "OPTIONS"
            or "HTTP_ORIGIN" in environ
            or "HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK" in environ
            or environ.get("HTTP_CONTENT_ENCODING", "").strip().lower() == "gzip"
        )

    def lean(app, resources, flask_path):
        config = app.config

        def wsgi_app(environ, start_response):
            if not plain(environ):
                return flask_path(environ, start_response)
            request = app.request_class(environ)
            request.max_content_length = config["MAX_CONTENT_LENGTH"]
            request.max_form_memory_size = config["MAX_FORM_MEMORY_SIZE"]
            request.max_form_parts = config["MAX_FORM_PARTS"]
            try:
                request.url_rule, request.view_args = app.create_url_adapter(request).match(return_rule=True)
            except HTTPException:
                return flask_path(environ, start_response)
            view = app.view_functions[request.url_rule.endpoint]
            if not isinstance(view, convert_to_flask_response):
                return flask_path(environ, start_response)
            result = _result_of(view, request)
            response = _response_of(request, result)
            if not response.headers.get(cors.ACL_ORIGIN):
                path = unquote(request.path)
                for pattern, options in resources:
                    if cors.try_match_pattern(path, pattern, caseSensitive=True):
                        for name, value in cors.get_cors_headers(options, request.headers, request.method).items():
                            response.headers.add(name, value)
                        break
            if checking:
                return _compared_with_flask(environ, start_response, response, result, view, flask_path)
            return response(environ, start_response)

        return wsgi_app

    checking = os.environ.get("POSTURE_MOTO_CHECK_SERIALIZATION") == "1"
    get_application = DomainDispatcherApplication.get_application

    def application(self, environ):
        app = get_application(self, environ)
        if getattr(app, "_posture_lean", None) is None:
            resources = cors_resources(app)
            app._posture_lean = lean(app, resources, app.wsgi_app) if resources is not None else False
        return app._posture_lean or app

    DomainDispatcherApplication.get_application = application


def _compared_with_flask(environ, start_response, response, result, view, flask_path):
    # The self-tests' emulator has Flask's own path wrap the same result of the view again (the view
    # does not run twice) and compares status, headers and body; the tally counts the answers.
    import io

    def output(app, env):
        started = []
        body = b"".join(app(env, lambda status, headers, exc_info=None: started.append((status, list(headers)))))
        return started[0][0], started[0][1], body

    plain = output(response, environ)
    content = result[2] if len(result) == 3 else result
    if isinstance(content, (bytes, str)):
        again = dict(environ, **{"wsgi.input": io.BytesIO(b"")})
        _replayed.result, _replayed.view = result, None
        try:
            wrapped = output(flask_path, again)
        finally:
            _replayed.result = None
        if wrapped == plain and _replayed.view is view:
            _check_tally["answers_same"] += 1
        else:
            _check_tally["answers_different"] += 1
            _check_tally["first_difference"] = _check_tally["first_difference"] or (
                f"answer to {environ['REQUEST_METHOD']} {environ.get('PATH_INFO')}: {_difference(plain, wrapped)}"
            )
    start_response(plain[0], plain[1])
    return [plain[2]]


def _difference(plain, wrapped):
    if plain[0] != wrapped[0]:
        return f"status {plain[0]} != {wrapped[0]}"
    if plain[1] != wrapped[1]:
        return f"headers {[h for h in plain[1] if h not in wrapped[1]]!r:.80} != {[h for h in wrapped[1] if h not in plain[1]]!r:.80}"
    if plain[2] != wrapped[2]:
        return f"body of {len(plain[2])} != {len(wrapped[2])} bytes"
    return "another view answered through Flask"


_without_flask_contexts()


def _known_accounts_without_lock():
    # Every look-up of a service's backend for an account (three per call) took a process-wide lock and
    # listed the accounts to see whether the account's backend had to be made: only a new account needs that.
    from moto.core.base_backend import BackendDict

    create = BackendDict._create_account_specific_backend

    def create_unless_known(self, account_id):
        if dict.__contains__(self, account_id):
            return
        create(self, account_id)

    BackendDict._create_account_specific_backend = create_unless_known


_known_accounts_without_lock()


def _cors_headers_once():
    # flask-cors works out the CORS headers of every answer from the request; without an Origin header
    # (every SDK call) and outside a preflight they depend on the app's CORS options alone.
    import flask_cors.core as cors

    compute = cors.get_cors_headers
    by_options = {}

    def get_cors_headers(options, request_headers, request_method):
        if request_method == "OPTIONS" or "Origin" in request_headers or cors.ACL_REQUEST_HEADER_PRIVATE_NETWORK in request_headers:
            return compute(options, request_headers, request_method)
        known = by_options.get(id(options))
        if known is None or known[0] is not options:
            known = by_options[id(options)] = (options, compute(options, request_headers, request_method))
        return known[1].copy()

    cors.get_cors_headers = get_cors_headers


_cors_headers_once()


def _tags_by_id():
    # moto found an EC2 resource's tags by turning its id into a wildcard pattern and matching it against
    # every tagged resource of the region: a regular expression compiled per resource, and quadratic in a
    # describe of hundreds of security groups. An id without wildcard characters names one resource.
    from moto.ec2.models.core import TaggedEC2Resource
    from moto.ec2.utils import EC2_PREFIX_TO_RESOURCE, get_prefix

    by_pattern = TaggedEC2Resource.get_tags

    def get_tags(self):
        resource_id = getattr(self, "id", None)
        tagged = getattr(getattr(self, "ec2_backend", None), "tags", None)
        if not isinstance(resource_id, str) or not resource_id or not isinstance(tagged, dict) or any(c in resource_id for c in "*?[]\\"):
            return by_pattern(self)
        resource_type = EC2_PREFIX_TO_RESOURCE.get(get_prefix(resource_id), "")
        tags = dict(tagged.get(resource_id, {}))
        return [{"resource_id": resource_id, "key": key, "value": value, "resource_type": resource_type} for key, value in tags.items()]

    TaggedEC2Resource.get_tags = get_tags
    return by_pattern


_moto_get_tags = _tags_by_id()


def _fewer_thread_switches():
    # One thread per kept connection (32 or more at once), all on one GIL: every 5 ms the running request
    # was made to hand over to another. Each thread still yields when it waits on its socket; a request
    # now runs on for up to 50 ms (an audit of estate L: ~7 % less wall in two paired runs of 8).
    sys.setswitchinterval(0.05)


def _yield_to_clients():
    # A request's bytes wake the emulator's thread for it, and a woken normal task may pre-empt the
    # client that just wrote them (on 2-core CI, the audit's main thread: a run's critical path). A batch
    # task has the same CPU share and never pre-empts on wake-up (an estate-L audit: 0.95 of the wall in
    # paired runs). Threads started later inherit it.
    if hasattr(os, "sched_setscheduler") and hasattr(os, "SCHED_BATCH"):
        try:
            os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))
        except OSError:
            pass  # not allowed here: the default policy answers the same, a little later


_fewer_thread_switches()
_yield_to_clients()
_check_serialization()  # after every remembered look-up it checks



class _CountingInput:
    """The request body as the application reads it, counted, so that the rest can be drained after."""

    def __init__(self, stream):
        self._stream = stream
        self.consumed = 0

    def read(self, size=-1):
        data = self._stream.read(size)
        self.consumed += len(data)
        return data

    def readline(self, size=-1):
        data = self._stream.readline(size)
        self.consumed += len(data)
        return data

    def readinto(self, buffer):
        count = self._stream.readinto(buffer)
        self.consumed += count or 0
        return count

    def readable(self):
        return True

    def __iter__(self):
        return iter(self.readline, b"")


def _keep_connections_alive():
    # werkzeug's development server always answers "Connection: close" (http.server cannot drain a body
    # the application left unread), so every call cost a TCP connection on both sides: a tenth of the
    # server's time under load. Here a request with a Content-Length keeps its connection: what the
    # application did not read of the body is drained before the next request. Chunked requests, a
    # client's "Connection: close" and a failed response still close it.
    from werkzeug.serving import WSGIRequestHandler

    import selectors
    import socket
    import threading
    import types

    import werkzeug.serving

    WSGIRequestHandler.protocol_version = "HTTP/1.1"
    # After each response werkzeug reads whatever else the socket holds, assuming it is closing: on a kept
    # connection that would swallow the client's next request. Not while a request keeps its connection.
    keeping = threading.local()

    class _NothingLeft:
        def register(self, *args, **kwargs):
            pass

        def select(self, timeout=None):
            return []

        def close(self):
            pass

    werkzeug.serving.selectors = types.SimpleNamespace(
        EVENT_READ=selectors.EVENT_READ,
        DefaultSelector=lambda: _NothingLeft() if getattr(getattr(keeping, "handler", None), "_posture_keep", False) else selectors.DefaultSelector(),
    )
    make_environ = WSGIRequestHandler.make_environ
    send_header = WSGIRequestHandler.send_header
    run_wsgi = WSGIRequestHandler.run_wsgi

    def keeping_make_environ(self):
        environ = make_environ(self)
        length = environ.get("CONTENT_LENGTH") or "0"
        self._posture_keep = not environ.get("wsgi.input_terminated") and length.isdigit() and self.headers.get("Connection", "").lower() != "close"
        if self._posture_keep:
            self._posture_length = int(length)
            self._posture_input = environ["wsgi.input"] = _CountingInput(environ["wsgi.input"])
        return environ

    def keeping_send_header(self, keyword, value):
        if keyword.lower() == "connection" and value.lower() == "close" and getattr(self, "_posture_keep", False):
            return
        send_header(self, keyword, value)

    def keeping_run_wsgi(self):
        self._posture_keep = False
        keeping.handler = self
        try:
            run_wsgi(self)
        finally:
            keeping.handler = None
        if not self._posture_keep or self.close_connection:
            return
        remaining = self._posture_length - self._posture_input.consumed
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 65536))
            if not chunk:
                self.close_connection = True
                return
            remaining -= len(chunk)

    # A kept connection must not wait on Nagle: werkzeug writes the headers and the body separately, and the
    # body would sit until the client's delayed ACK (40 ms) for every sequential call.
    setup = WSGIRequestHandler.setup

    def nodelay_setup(self):
        setup(self)
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    WSGIRequestHandler.setup = nodelay_setup
    WSGIRequestHandler.make_environ = keeping_make_environ
    WSGIRequestHandler.send_header = keeping_send_header
    WSGIRequestHandler.run_wsgi = keeping_run_wsgi


_keep_connections_alive()


def _plain_requests_in_one_pass():
    # http.server and werkzeug took a fifth of the server's time around each call: the request line parsed
    # in several steps, the URL split and joined again, each response header encoded and buffered on its
    # own, the date formatted anew, the head and the body sent in two writes. A plain request on a kept
    # connection (HTTP/1.1, an origin-form path, a Content-Length, not chunked, no "Connection: close") is
    # read, answered and sent here in one pass with the same environ, status line and headers (chunked
    # when the application names no length, as werkzeug does). Anything else takes werkzeug's own path.
    import email.utils
    import http.client
    import socket
    import time
    from urllib.parse import unquote

    from werkzeug.exceptions import InternalServerError
    from werkzeug.http import parse_set_header
    from werkzeug.serving import WSGIRequestHandler, connection_dropped_errors

    standard = WSGIRequestHandler.handle_one_request
    dates = [0, ""]

    def date_now():
        now = int(time.time())
        if dates[0] != now:
            dates[:] = [now, email.utils.formatdate(now, usegmt=True)]
        return dates[1]

    def handle_one_request(self):
        try:
            line = self.rfile.readline(65537)
        except TimeoutError as error:
            self.log_error("Request timed out: %r", error)
            self.close_connection = True
            return
        if not line:
            self.close_connection = True
            return
        words = line.split()
        path = words[1].decode("iso-8859-1") if len(words) == 3 else ""
        if (
            len(line) > 65536 or len(words) != 3 or words[2] != b"HTTP/1.1" or not line.endswith(b"\r\n")
            or not path.startswith("/") or path.startswith("//") or "#" in path or not path.isprintable()
            or self.server.ssl_context is not None
        ):
            return _standard_from_line(self, line)
        self.raw_requestline = line
        self.command, self.path, self.request_version = words[0].decode("iso-8859-1"), path, "HTTP/1.1"
        self.requestline = line.decode("iso-8859-1").rstrip("\r\n")
        try:
            self.headers = http.client.parse_headers(self.rfile, _class=self.MessageClass)
        except (http.client.LineTooLong, http.client.HTTPException) as error:
            self.send_error(431, "Line too long" if isinstance(error, http.client.LineTooLong) else "Too many headers", str(error))
            return
        connection = self.headers.get("Connection", "").lower()
        self.close_connection = connection == "close"
        length = self.headers.get("Content-Length", "0")
        if self.close_connection or not length.isdigit() or "chunked" in parse_set_header(self.headers.get("Transfer-Encoding")):
            return _standard_from_headers(self)
        try:
            answer_in_one_pass(self, int(length))
        except TimeoutError as error:
            self.log_error("Request timed out: %r", error)
            self.close_connection = True

    def environ_of(self, body):
        # werkzeug's make_environ for an origin-form path without a fragment, over plain HTTP.
        path, _, query = self.path.partition("?")
        host, port = self.server.server_address[:2]
        environ = {
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": body,
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": self.server.multithread,
            "wsgi.multiprocess": self.server.multiprocess,
            "wsgi.run_once": False,
            "werkzeug.socket": self.connection,
            "SERVER_SOFTWARE": self.server_version,
            "REQUEST_METHOD": self.command,
            "SCRIPT_NAME": "",
            "PATH_INFO": unquote(path).encode().decode("latin1"),
            "QUERY_STRING": query.encode().decode("latin1"),
            "REQUEST_URI": self.path.encode().decode("latin1"),
            "RAW_URI": self.path.encode().decode("latin1"),
            "REMOTE_ADDR": self.address_string(),
            "REMOTE_PORT": self.port_integer(),
            "SERVER_NAME": host,
            "SERVER_PORT": str(port),
            "SERVER_PROTOCOL": self.request_version,
        }
        for key, value in self.headers.items():
            if "_" in key:
                continue
            key = key.upper().replace("-", "_")
            value = value.replace("\r\n", "")
            if key not in ("CONTENT_TYPE", "CONTENT_LENGTH"):
                key = f"HTTP_{key}"
                if key in environ:
                    value = f"{environ[key]},{value}"
            environ[key] = value
        return environ

    def answer_in_one_pass(self, length):
        if self.headers.get("Expect", "").lower().strip() == "100-continue":
            self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        body = _CountingInput(self.rfile)
        self.environ = environ = environ_of(self, body)
        started = []

        def start_response(status, headers, exc_info=None):
            if exc_info is None and started:
                raise AssertionError("Headers already set")
            started[:] = [status, headers]
            return written.append

        written = []
        try:
            chunks = self.server.app(environ, start_response)
            try:
                written.extend(chunks)
            finally:
                if hasattr(chunks, "close"):
                    chunks.close()
        except connection_dropped_errors as error:
            self.connection_dropped(error, environ)
            self.close_connection = True
            return
        except Exception as error:
            if self.server.passthrough_errors:
                raise
            from werkzeug.debug.tbtools import DebugTraceback

            written.clear()
            started.clear()
            written.extend(InternalServerError()(environ, start_response))
            self.server.log("error", f"Error on request:\n{DebugTraceback(error).render_traceback_text()}")
        status, headers = started
        code_text, _, message = status.partition(" ")
        code = int(code_text)
        self.log_request(code)
        head = [f"HTTP/1.1 {code} {message}\r\nServer: {self.version_string()}\r\nDate: {date_now()}\r\n"]
        names = set()
        for name, value in headers:
            head.append(f"{name}: {value}\r\n")
            lowered = name.lower()
            names.add(lowered)
            if lowered == "connection" and value.lower() == "close":
                self.close_connection = True
        chunked = not ("content-length" in names or self.command == "HEAD" or 100 <= code < 200 or code in (204, 304))
        if chunked:
            head.append("Transfer-Encoding: chunked\r\n")
        if self.close_connection:
            head.append("Connection: close\r\n")
        head.append("\r\n")
        data = b"".join(written)
        if chunked:
            data = (b"%x\r\n%s\r\n" % (len(data), data) if data else b"") + b"0\r\n\r\n"
        self.wfile.write("".join(head).encode("latin-1") + data)
        remaining = length - body.consumed
        while remaining > 0 and not self.close_connection:
            chunk = self.rfile.read(min(remaining, 65536))
            if not chunk:
                self.close_connection = True
                return
            remaining -= len(chunk)

    WSGIRequestHandler.handle_one_request = handle_one_request

    def _standard_from_line(self, line):
        # http.server's handle_one_request after its readline.
        self.raw_requestline = line
        if len(line) > 65536:
            self.requestline = self.request_version = self.command = ""
            self.send_error(414)
            return
        if not self.parse_request():
            return
        _standard_dispatch(self)

    def _standard_from_headers(self):
        # What parse_request does after the headers for an HTTP/1.1 request, then werkzeug's path.
        if self.headers.get("Expect", "").lower() == "100-continue" and not self.handle_expect_100():
            return
        _standard_dispatch(self)

    def _standard_dispatch(self):
        try:
            getattr(self, "do_" + self.command)()
            self.wfile.flush()
        except TimeoutError as error:
            self.log_error("Request timed out: %r", error)
            self.close_connection = True

    return standard


_werkzeug_handle_one_request = _plain_requests_in_one_pass()


def _store_cloudfront_access_and_functions():
    import moto.cloudfront.models as cloudfront

    original_origin = cloudfront.Origin.__init__
    original_behaviour = cloudfront.DefaultCacheBehaviour.__init__

    def origin(self, config):
        original_origin(self, config)
        self.origin_access_control_id = config.get("OriginAccessControlId") or ""
        if "S3OriginConfig" in config:
            self.s3_origin_config = {"OriginAccessIdentity": (config["S3OriginConfig"] or {}).get("OriginAccessIdentity") or ""}

    def associations(given):
        items = (given or {}).get("Items") or []
        return {"Quantity": len(items), "Items": items} if items else {"Quantity": 0}

    def behaviour(self, config):
        original_behaviour(self, config)  # CacheBehaviour calls this too
        self.lambda_function_associations = associations(config.get("LambdaFunctionAssociations"))
        self.function_associations = associations(config.get("FunctionAssociations"))

    cloudfront.Origin.__init__ = origin
    cloudfront.DefaultCacheBehaviour.__init__ = behaviour


_store_cloudfront_access_and_functions()


def _describe_shared_images_by_id():
    import moto.ec2.models.amis as amis
    from moto.ec2.exceptions import InvalidAMIIdError
    from moto.ec2.models import ec2_backends

    original = amis.AmiBackend.describe_images

    def shared_with(self, ami_id):
        for account_id, regions in dict.items(ec2_backends):
            backend = dict.get(regions, self.region_name)
            ami = backend.amis.get(ami_id) if backend is not None and account_id != self.account_id else None
            if ami is not None and (ami.is_public or {"UserId": self.account_id} in ami.launch_permissions):
                return ami
        return None

    def describe_images(self, ami_ids=None, filters=None, exec_users=None, owners=None):
        if not ami_ids:
            return original(self, ami_ids, filters, exec_users, owners)
        own = [i for i in ami_ids if i in self.amis or i in self.deleted_amis]
        others = [ami for ami in (shared_with(self, i) for i in ami_ids if i not in own) if ami is not None]
        if not own and not others:
            raise InvalidAMIIdError(ami_ids)
        return (original(self, own, filters, exec_users, owners) if own else []) + others

    amis.AmiBackend.describe_images = describe_images


_describe_shared_images_by_id()


def _instance_metadata_defaults():
    # Account-level IMDS defaults per (account, region): unset until modified, as on AWS.
    from moto.core.responses import ActionResult
    from moto.ec2.responses import EC2Response

    stored = {}
    fields = ("HttpTokens", "HttpPutResponseHopLimit", "HttpEndpoint", "InstanceMetadataTags")

    def get_instance_metadata_defaults(self):
        return ActionResult({"AccountLevel": dict(stored.get((self.current_account, self.region), {}))})

    def modify_instance_metadata_defaults(self):
        current = stored.setdefault((self.current_account, self.region), {})
        for field in fields:
            value = self._get_param(field)
            if value in ("no-preference", -1, "-1"):
                current.pop(field, None)
            elif value is not None:
                current[field] = int(value) if field == "HttpPutResponseHopLimit" else value
        return ActionResult({"Return": True})

    EC2Response.get_instance_metadata_defaults = get_instance_metadata_defaults
    EC2Response.modify_instance_metadata_defaults = modify_instance_metadata_defaults


_instance_metadata_defaults()



def _exit_with_parent():
    # The emulator never outlives the audit, however the audit ends (even SIGKILL): its stdin is a pipe
    # from the audit, which the kernel closes when the audit dies; and the parent pid changes when the
    # audit is gone and this process is re-parented. Either way the whole server exits at once.
    if os.environ.get("POSTURE_MOTO_EXIT_WITH_PARENT") != "1":
        return
    import threading
    import time

    parent = os.getppid()

    def _stdin_closed():
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except (OSError, ValueError):
            pass
        os._exit(0)

    def _parent_gone():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=_stdin_closed, name="posture-stdin-watch", daemon=True).start()
    threading.Thread(target=_parent_gone, name="posture-parent-watch", daemon=True).start()



def _list_buckets_with_region():
    from moto.core.responses import ActionResult
    from moto.s3.responses import S3Response

    def all_buckets(self):
        self.data["Action"] = "ListAllMyBuckets"
        self._authenticate_and_authorize_s3_action()
        found = self.backend.list_buckets(
            prefix=self._get_param("prefix"), bucket_region=self._get_param("bucket-region"), max_buckets=self._get_param("max-buckets")
        )
        buckets = [{"Name": b.name, "CreationDate": b.creation_date_ISO8601, "BucketRegion": b.region_name} for b in found]
        self.data["Action"] = "ListBuckets"
        return self.serialized(ActionResult({"Owner": {"ID": "bcaf1ffd86f41161ca5fb16fd081034f", "DisplayName": "webfile"}, "Buckets": buckets}))

    S3Response.all_buckets = all_buckets


_list_buckets_with_region()

def _no_request_log():
    # werkzeug logs every request to stderr through a locked logging handler: a quarter of the server's
    # thread time under an audit's load, for lines nobody reads. Errors are still logged.
    from werkzeug.serving import WSGIRequestHandler

    WSGIRequestHandler.log_request = lambda self, code="-", size="-": None


_no_request_log()

def _count_calls():
    # The bench (POSTURE_MOTO_COUNT_CALLS=1) counts every AWS call by service and operation here, whatever
    # code makes it, with the time the server took to answer it. Counting in a loopback proxy cost more
    # CPU per call than the audit's own HTTP, on the same two cores. GET /moto-api/posture/calls reads
    # the counts, DELETE resets them.
    if os.environ.get("POSTURE_MOTO_COUNT_CALLS") != "1":
        return
    import io
    import re
    import threading
    import time
    from urllib.parse import parse_qs, parse_qsl

    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    counts, millis, lock = {}, {}, threading.Lock()
    dispatch = DomainDispatcherApplication.__call__

    def counting_call(self, environ, start_response):
        if environ.get("PATH_INFO") == "/moto-api/posture/calls":
            with lock:
                if environ["REQUEST_METHOD"] == "DELETE":
                    counts.clear()
                    millis.clear()
                body = json.dumps({"counts": counts, "millis": {k: round(v) for k, v in millis.items()}}).encode()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        key = _operation_key(environ)
        started = time.perf_counter()
        try:
            return dispatch(self, environ, start_response)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                counts[key] = counts.get(key, 0) + 1
                millis[key] = millis.get(key, 0.0) + elapsed

    def _operation_key(environ):
        scope = re.search(r"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/", environ.get("HTTP_AUTHORIZATION", ""))
        service = scope.group(1) if scope else "unsigned"
        target = environ.get("HTTP_X_AMZ_TARGET")
        if target:
            return f"{service} {target.split('.')[-1]}"
        query = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        action = dict(query).get("Action")
        content_type = environ.get("CONTENT_TYPE", "")
        if action is None and content_type.startswith("application/x-www-form-urlencoded"):
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length) if length else b""
            environ["wsgi.input"] = io.BytesIO(body)  # the application reads it again
            action = (parse_qs(body.decode("utf-8", "replace")).get("Action") or [None])[0]
        if action and "xml" not in content_type:
            return f"{service} {action}"
        parts = [p for p in environ.get("PATH_INFO", "/").split("/") if p]
        method = environ["REQUEST_METHOD"]
        if service != "s3":
            return f"{service} {method} /{parts[0] if parts else ''}"
        verb = {"GET": "Get", "PUT": "Put", "DELETE": "Delete", "HEAD": "Head", "POST": "Post"}.get(method, method)
        if parts and parts[0] == "v20180820":
            return f"s3 {verb}Account{_capital(parts[-1])}"
        if not parts:
            return "s3 ListBuckets" if method == "GET" else f"s3 {verb}"
        what = "Object" if len(parts) > 1 else "Bucket"
        if dict(query).get("list-type") == "2":
            return "s3 ListObjectsV2"
        sub = next((k for k, _ in query if k not in ("x-id", "max-keys", "prefix", "continuation-token", "versionId")), None)
        return f"s3 {verb}{what}{_capital(sub)}" if sub else f"s3 {verb}{what}"

    def _capital(name):
        return name[:1].upper() + re.sub(r"-(\w)", lambda m: m.group(1).upper(), name[1:])

    DomainDispatcherApplication.__call__ = counting_call


_count_calls()

if __name__ == "__main__":
    _exit_with_parent()
    sys.exit(main())
