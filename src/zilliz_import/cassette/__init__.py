"""Recorded exchanges as a VCR.py cassette (YAML, `version: 1`), with every secret redacted.

Shared by the contract command, which records, and `zilliz-import corpus`, which replays; plane-neutral
and independent of the client. PyYAML comes with the `contract` extra.

Redaction, before anything is written: the run's token wherever it appears; any header whose name says
it carries a credential (`Authorization`, `*token*`, `*key*`, `*secret*`, cookies...); `accessKey`,
`secretKey`, `token` (and the like) in JSON bodies, at any depth; user and password in URLs and secret
query parameters. Every value taken out is also removed wherever else it appears in the same exchange.
A cassette is then checked for every secret seen: one left means `RedactionError`, and nothing is written.
"""

from __future__ import annotations

from zilliz_import.cassette.format import Exchange, dump, read
from zilliz_import.cassette.redaction import SECRET_MARK, TOKEN_MARK, RedactionError, Redactor, write

__all__ = ["SECRET_MARK", "TOKEN_MARK", "Exchange", "RedactionError", "Redactor", "dump", "read", "write"]
