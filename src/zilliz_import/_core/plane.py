"""A plane as one descriptor: what the plane-neutral core needs to know of one kind of server.

Each plane (`planes/cluster.py`, `planes/control_plane.py`) builds one `Plane` from its generated
package; the core reads answers, sends calls and builds clients through it, never by branching on
which plane it serves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zilliz_import._core.settings import ClientSettings


@dataclass(frozen=True)
class Call:
    """A generated operation and its keyword arguments (left out of the repr: a body may carry secrets)."""

    name: str
    module: ModuleType
    kwargs: dict[str, Any] = field(default_factory=dict, repr=False)
    idempotent: bool = True


@dataclass(frozen=True)
class Plane:
    """One kind of server: its generated client, how its answers look, its operations and its rules.

    Attributes:
        name: What users call it ("cluster", "control plane").
        client: The generated `AuthenticatedClient` class.
        envelope: The generated error envelope model.
        problems: Type checks the generated parser leaves out, for its data and envelopes.
        operations: Operation name to the generated module that sends it.
        job_id: The job-ID rule: the ID as the server wants it, or `InvalidArgumentError`.
        environment: Facade keyword arguments from the plane's environment variables (overrides win).
        headers: Headers set once on the client, the same on every call.
        missing_routes: Why an operation may meet an HTTP 404 (the route exists only on some releases).
    """

    name: str
    client: type[Any]
    envelope: type[Any]
    problems: Callable[[Any], list[str]]
    operations: Mapping[str, ModuleType]
    job_id: Callable[[Any], str]
    environment: Callable[..., dict[str, Any]]
    headers: Callable[[ClientSettings], dict[str, str]]
    missing_routes: Mapping[str, str] = field(default_factory=dict)

    def call(self, operation: str, body: Any, *, idempotent: bool = True) -> Call:
        """The call of `operation` with a request body; `idempotent=False` for what must never run twice."""
        return Call(operation, self.operations[operation], {"body": body}, idempotent)
