"""scripts/spec_rules.py loaded as a module (scripts/ is not a package)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def load_rules() -> ModuleType:
    """The rules module, freshly executed."""
    spec = importlib.util.spec_from_file_location("spec_rules", ROOT / "scripts" / "spec_rules.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rules = load_rules()
