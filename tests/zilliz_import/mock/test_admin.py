"""The control routes under /__mock__/ over HTTP: faults, health, jobs, requests served, reset."""

from __future__ import annotations

import httpx

from zilliz_import.mock import MockApp, MockServer


def test_admin_routes_over_http(mock_app: MockApp, mock_server: MockServer) -> None:
    with httpx.Client(base_url=mock_server.url) as client:
        assert client.post("/__mock__/faults", json={"kind": "nope"}).status_code == 400
        assert client.post("/__mock__/faults", content=b"{").status_code == 400
        client.post("/__mock__/faults", json={"kind": "rate_limit", "count": 4})
        assert client.get("/__mock__/faults").json()["pending"][0]["left"] == 4
        assert client.delete("/__mock__/faults").status_code == 200
        assert client.get("/__mock__/faults").json()["pending"] == []
        mock_app.jobs.create(db_name="default", collection_name="c", files=[["a"]])
        assert client.get("/__mock__/health").json() == {"ok": True, "jobs": 1}
        (job_id,) = client.get("/__mock__/jobs").json()["endsAt"]
        auth = {"Authorization": "Bearer root:Milvus"}
        for _ in range(3):
            client.post("/v2/vectordb/jobs/import/describe", json={"jobId": job_id}, headers=auth)
        assert client.get("/__mock__/requests").json()["requests"] == {"describe": 3}
        assert client.post("/__mock__/reset").status_code == 200
        assert client.get("/__mock__/health").json()["jobs"] == 0
        assert client.get("/__mock__/requests").json()["requests"] == {}
        assert client.get("/__mock__/jobs").json()["endsAt"] == {}
        assert client.get("/__mock__/nothing").status_code == 404
