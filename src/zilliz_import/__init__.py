"""Hand-written layer over the generated `zilliz_import_client`: errors, retries, waiting, CLI and mock."""
