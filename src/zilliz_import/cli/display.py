"""How the CLI shows progress: live bars per job and per file on a terminal, plain lines elsewhere."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Any, Protocol

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TaskProgressColumn, TextColumn
from rich.table import Table
from rich.text import Text

from zilliz_import.cli.words import counts_known, reason_text, state_text
from zilliz_import.following.progress import ProgressEvent, rows_of, state_name

__all__ = ["Display", "display_for", "jobs_table", "progress_table", "reason_text", "state_text"]


def rows_text(data: Any) -> str:
    """`imported/total` rows, or just the total where the answer has no imported rows (the control plane)."""
    imported, total = getattr(data, "imported_rows", None), getattr(data, "total_rows", None)
    if isinstance(imported, int) and isinstance(total, int):
        return f"{imported:,}/{total:,}"
    return f"{total:,}" if isinstance(total, int) else "-"


class Display(Protocol):
    """Receives every progress event of a watch."""

    def update(self, event: ProgressEvent[Any]) -> None:
        """Show one answer."""

    def __enter__(self) -> Display: ...

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None: ...


def rate_text(event: ProgressEvent[Any]) -> str:
    """Rows per second and ETA, as far as known."""
    rate = f"{event.rows_per_second:,.0f} rows/s" if event.rows_per_second else "- rows/s"
    eta = f"ETA {event.eta_seconds:,.0f}s" if event.eta_seconds is not None else "ETA -"
    stall = f" STALLED {event.stalled_for:,.0f}s" if event.stalled else ""
    return f"{rate} {eta}{stall}"


class LiveDisplay:
    """rich progress bars: one per job, and one per file of the job beneath it."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[state]}"),
            TextColumn("{task.fields[detail]}"),
            console=console,
        )
        self.jobs: dict[str, TaskID] = {}
        self.files: dict[tuple[str, int], TaskID] = {}

    def update(self, event: ProgressEvent[Any]) -> None:
        """Move the job's bar and its files' bars."""
        data = event.progress
        if event.job_id not in self.jobs:
            self.jobs[event.job_id] = self.progress.add_task(f"job {event.job_id}", total=100, state="", detail="")
        detail = f"{rows_text(data)} rows  {rate_text(event)}" if counts_known(data) else ""
        state = escape(state_text(data))
        self.progress.update(self.jobs[event.job_id], completed=data.progress, state=state, detail=detail)
        for index, item in enumerate(data.details):
            key = (event.job_id, index)
            if key not in self.files:
                name = escape(item.file_name[:40])
                self.files[key] = self.progress.add_task(f"  {name}", total=100, state="", detail="")
            rows = f"{rows_text(item)} rows"
            self.progress.update(self.files[key], completed=item.progress, state=escape(str(item.state)), detail=rows)

    def __enter__(self) -> LiveDisplay:
        self.progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.progress.stop()


class PlainDisplay:
    """One line per change, for logs and pipes."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.seen: dict[str, tuple[Any, ...]] = {}

    def update(self, event: ProgressEvent[Any]) -> None:
        """Print a line when the job's state, progress or stall status changed."""
        data = event.progress
        key = (state_name(data), data.progress, rows_of(data), event.stalled)
        if self.seen.get(event.job_id) == key:
            return
        self.seen[event.job_id] = key
        files = sum(1 for d in data.details if str(d.state) == "Completed")
        counts = f" {rows_text(data)} rows, {files}/{len(data.details)} files, {rate_text(event)}"
        self.console.print(
            f"job {event.job_id}: {state_text(data)} {data.progress}%{counts if counts_known(data) else ''}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )

    def __enter__(self) -> PlainDisplay:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        return None


class QuietDisplay:
    """Shows nothing while following: the output comes at the end, in the format asked for."""

    def update(self, event: ProgressEvent[Any]) -> None:
        """Ignore the event."""

    def __enter__(self) -> QuietDisplay:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        return None


def display_for(console: Console) -> Display:
    """Live bars on a terminal, plain lines otherwise."""
    return LiveDisplay(console) if console.is_terminal else PlainDisplay(console)


def progress_table(data: Any) -> Table:
    """One job and its files, as a table."""
    table = Table(title=f"import job {data.job_id} ({data.collection_name})", title_justify="left")
    table.add_column("file", overflow="fold")
    for column in ("state", "progress", "rows", "size", "completed"):
        table.add_column(column)
    reasons = any(isinstance(item.reason, str) for item in data.details)
    if reasons:
        table.add_column("reason", overflow="fold")
    for item in data.details:
        cells: list[Text | str] = [
            Text(item.file_name), Text(str(item.state)), f"{item.progress}%",
            rows_text(item), f"{item.file_size:,}", Text(str(item.complete_time or "-")),
        ]  # fmt: skip
        table.add_row(*cells, *([Text(item.reason if isinstance(item.reason, str) else "")] if reasons else []))
    counts = f", {rows_text(data)} rows, {data.file_size:,} bytes" if counts_known(data) else ""
    table.caption = Text(f"{state_text(data)} {data.progress}%{counts}")
    return table


def jobs_table(records: Sequence[Any]) -> Table:
    """A listing (a cluster's or the control plane's, which has no progress nor reason), as a table."""
    table = Table()
    for column in ("job", "collection", "state", "progress", "reason"):
        table.add_column(column)
    for record in records:
        reason, progress = getattr(record, "reason", None), getattr(record, "progress", None)
        percent = f"{progress}%" if isinstance(progress, int) else "-"
        reason_cell = Text(reason if isinstance(reason, str) else "")
        table.add_row(record.job_id, Text(record.collection_name), Text(str(record.state)), percent, reason_cell)
    return table
