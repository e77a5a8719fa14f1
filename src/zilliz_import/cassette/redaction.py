"""Secrets out of exchanges before anything is written (the rules are in the package's docstring)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from zilliz_import.cassette.format import Exchange, dump

TOKEN_MARK = "<redacted:token>"  # the run's own token: replay puts the replaying token here
SECRET_MARK = "<redacted>"  # any other secret (a wrong token an auth check sent, a key in a body)
SECRET_HEADER = re.compile(r"auth|token|key|secret|cookie|password|credential|signature", re.IGNORECASE)
SECRET_FIELD = re.compile(r"^(access_?key|secret_?key|token|api_?key|password|session_?token)$", re.IGNORECASE)
MIN_SEARCHED = 6  # values taken out this long or longer are also searched for, and removed, everywhere else


class RedactionError(Exception):
    """A secret survived redaction: the recording stops and nothing is written."""


@dataclass
class Redactor:
    """Takes the secrets out of exchanges; remembers every value it took out, to check a cassette for them."""

    token: str = field(default="", repr=False)
    seen: set[str] = field(default_factory=set, repr=False)

    def exchange(self, exchange: Exchange) -> Exchange:
        """The exchange with its secrets replaced by marks.

        Raises:
            RedactionError: A secret is still in the result.
        """
        found: set[str] = set()
        request_headers = self._headers(exchange.request_headers, found)
        response_headers = self._headers(exchange.response_headers, found)
        uri = self._uri(exchange.uri, found)
        request_body = self._body(exchange.request_body, found)
        response_body = self._body(exchange.response_body, found)
        self.seen |= found
        clean = Exchange(
            exchange.method, uri, request_headers, request_body, exchange.status, exchange.reason,
            response_headers, response_body,
        )  # fmt: skip
        clean = self._scrub(clean, self.seen)  # a key sent in one exchange may come back in a later one
        self.check(dump([clean]))
        return clean

    def check(self, text: str) -> None:
        """Raise `RedactionError` when `text` holds the token or a value taken out earlier."""
        for secret in (form for value in self._secrets(self.seen) for form in _forms(value)):
            if secret in text:
                raise RedactionError(f"a secret ({len(secret)} characters) survived redaction; nothing was written")

    def _secrets(self, found: Iterable[str]) -> list[str]:
        values = {value for value in found if len(value) >= MIN_SEARCHED}
        if self.token:
            values.add(self.token)
        return sorted(values, key=len, reverse=True)

    def _mark(self, value: str, found: set[str]) -> str:
        if self.token and self.token in value:
            return value.replace(self.token, TOKEN_MARK)
        for prefix in ("Bearer ", "Basic "):
            if value.startswith(prefix) and value[len(prefix) :]:
                found.add(value[len(prefix) :])
                return prefix + SECRET_MARK
        if value:
            found.add(value)
        return SECRET_MARK

    def _headers(self, headers: Mapping[str, str], found: set[str]) -> dict[str, str]:
        return {k: (self._mark(v, found) if SECRET_HEADER.search(k) else v) for k, v in headers.items()}

    def _uri(self, uri: str, found: set[str]) -> str:
        parts = urlsplit(uri)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, host = netloc.rsplit("@", 1)
            found.update(p for p in userinfo.split(":") if p)
            netloc = f"{SECRET_MARK}@{host}"
        query = [(k, self._mark(v, found) if SECRET_HEADER.search(k) else v) for k, v in parse_qsl(parts.query, True)]
        return urlunsplit((parts.scheme, netloc, parts.path, urlencode(query, safe="<>:") if query else "", ""))

    def _body(self, body: bytes, found: set[str]) -> bytes:
        try:
            document = json.loads(body)
        except (ValueError, RecursionError):
            return body
        cleaned, changed = self._json(document, found)
        return json.dumps(cleaned).encode() if changed else body  # ASCII, as schemathesis sends it

    def _json(self, value: Any, found: set[str]) -> tuple[Any, bool]:
        if isinstance(value, dict):
            out, changed = {}, False
            for key, item in value.items():
                if isinstance(key, str) and SECRET_FIELD.match(key) and item not in (None, ""):
                    out[key], changed = self._secret_value(item, found), True
                else:
                    out[key], moved = self._json(item, found)
                    changed = changed or moved
            return out, changed
        if isinstance(value, list):
            pairs = [self._json(item, found) for item in value]
            return [item for item, _ in pairs], any(moved for _, moved in pairs)
        return value, False

    def _secret_value(self, value: Any, found: set[str]) -> Any:
        """A secret replaced by one of the same JSON type, so a replay sends what the run sent, but blind."""
        if isinstance(value, str):
            return self._mark(value, found) if value else value
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, int | float):
            found.add(str(value))
            return 0
        if isinstance(value, list):
            return [self._secret_value(item, found) for item in value]
        if isinstance(value, dict):
            return {key: self._secret_value(item, found) for key, item in value.items()}
        return SECRET_MARK

    def _scrub(self, exchange: Exchange, found: set[str]) -> Exchange:
        """Remove the values taken out so far wherever else they appear (a server echoing a key in its message).

        Each secret goes as it is and as JSON writes it inside a string (escaped), in every part of the exchange.
        """
        pairs = [(form, TOKEN_MARK if secret == self.token else SECRET_MARK)
                 for secret in self._secrets(found) for form in _forms(secret)]  # fmt: skip

        def text(value: str) -> str:
            for secret, mark in pairs:
                value = value.replace(secret, mark)
            return value

        def data(value: bytes) -> bytes:
            for secret, mark in pairs:
                value = value.replace(secret.encode("utf-8", "surrogatepass"), mark.encode())
            return value

        def headers(values: Mapping[str, str]) -> dict[str, str]:
            return {text(k): text(v) for k, v in values.items()}

        return Exchange(
            exchange.method, text(exchange.uri), headers(exchange.request_headers), data(exchange.request_body),
            exchange.status, text(exchange.reason), headers(exchange.response_headers), data(exchange.response_body),
        )  # fmt: skip

    def final(self, exchanges: list[Exchange]) -> list[Exchange]:
        """The exchanges with every secret of the whole run removed.

        A value sent as a key late in a run may have appeared earlier, not yet known as a secret.
        """
        return [self._scrub(exchange, self.seen) for exchange in exchanges]


def _forms(secret: str) -> list[str]:
    """A secret as it is, and escaped as JSON writes it in a string (ASCII-only or not)."""
    return list(dict.fromkeys([secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]]))


def write(path: Path, exchanges: list[Exchange], redactor: Redactor) -> None:
    """Write a cassette after checking the whole text once more for every secret seen (`RedactionError`)."""
    text = dump(redactor.final(exchanges))
    redactor.check(text)
    path.write_text(text, encoding="utf-8")
