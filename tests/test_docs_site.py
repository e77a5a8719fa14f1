"""The documentation site's sources hold together without building it (`make docs` builds it, strict)."""

from __future__ import annotations

from pathlib import Path

import griffe
import yaml

import zilliz_import

ROOT = Path(__file__).resolve().parent.parent
README_LIMIT = 12_000


class Loader(yaml.SafeLoader):
    """mkdocs.yml may hold tags of Python names (`!!python/name:`) that safe_load refuses."""


Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def nav_pages(nav: list[object]) -> list[str]:
    pages: list[str] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        pages += nav_pages(value) if isinstance(value, list) else [str(value)]
    return pages


def test_the_nav_lists_every_page_once() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    pages = nav_pages(config["nav"])
    assert len(pages) == len(set(pages))
    assert sorted(pages) == sorted(path.name for path in (ROOT / "docs").glob("*.md"))


def test_every_public_name_has_a_docstring_for_the_api_reference() -> None:
    # mkdocstrings leaves out what has no docstring, so a name without one would vanish from the reference
    package = griffe.load("zilliz_import", search_paths=[ROOT / "src"], resolve_aliases=True)
    undocumented = [name for name in zilliz_import.__all__ if not package[name].docstring]
    assert undocumented == []
    assert "::: zilliz_import\n" in (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")


def test_the_readme_is_a_front_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme) <= README_LIMIT, f"README.md is {len(readme)} characters; move reference material to docs/"
    for needed in ("make test", "make run", "PYTHON=", "make dist", "--find-links dist/", "make docs", "minutes"):
        assert needed in readme, f"the README no longer says {needed!r}"
    for link in [part.split(")", 1)[0] for part in readme.split("](docs/")[1:]]:
        assert (ROOT / "docs" / link.split("#")[0]).exists(), f"the README links to a missing page docs/{link}"
