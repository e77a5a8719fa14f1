"""`python -m zilliz_import.mock`: serve the mock in the foreground until interrupted."""

import sys

from zilliz_import.mock.launcher import main, parse_args

__all__ = ["main", "parse_args"]

if __name__ == "__main__":
    sys.exit(main())
