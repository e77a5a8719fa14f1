"""`python -m zilliz_import`: the same as the `zilliz-import` command."""

import sys

from zilliz_import.cli import main

if __name__ == "__main__":
    sys.exit(main())
