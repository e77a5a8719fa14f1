"""The contract suite as a product: the spec, envelope-aware and meaning checks, and a runner.

`zilliz-import contract` runs it against a user's endpoint; `tests/contract` runs it against the
mock. Importing `zilliz_import.contract.checks` needs schemathesis (`pip install 'zilliz-import[contract]'`);
this package itself does not.
"""
