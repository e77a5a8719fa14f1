"""Parsing a progress answer of 1,024 file units (the most a job may have) into the generated models,
against `json.loads` alone."""

from __future__ import annotations

import gc
import json
import statistics
import time
from typing import Any

from zilliz_import_client.models import ImportJobProgressSuccess

FILES = 1024  # a server refuses more file units in one job (server-behaviour.md, "Create: limits and file units")
ROUNDS = 201  # small bodies: more rounds for a steady median


def progress_body(files: int) -> bytes:
    """A progress answer of `files` completed files, as the server writes it."""
    details = [
        {"completeTime": "2024-04-01T06:17:53Z", "fileName": f"[dir/{i}.parquet]", "fileSize": 3279917,
         "importedRows": 100000, "progress": 100, "state": "Completed", "totalRows": 100000}
        for i in range(files)
    ]  # fmt: skip
    data = {"collectionName": "c", "completeTime": "", "createTime": "2024-04-01T06:10:00Z", "details": details,
            "fileSize": 1, "importedRows": 1, "jobId": "1", "progress": 50, "state": "Importing", "totalRows": 1}  # fmt: skip
    return json.dumps({"code": 0, "data": data}).encode()


def timed(work: Any) -> float:
    """Seconds one run of `work` takes, starting from a collected heap."""
    gc.collect()
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def parsing() -> dict[str, float]:
    """Medians of both, and the median of their ratio taken round by round (neighbours share the machine's mood)."""
    body = progress_body(FILES)
    loads, models, ratios = [], [], []
    for _ in range(ROUNDS):
        loads.append(timed(lambda: json.loads(body)))
        models.append(timed(lambda: ImportJobProgressSuccess.from_dict(json.loads(body))))
        ratios.append(models[-1] / loads[-1])
    return {
        "json.loads": statistics.median(loads),
        "json.loads + models": statistics.median(models),
        "ratio": statistics.median(ratios),
    }
