"""A stand-in for $VISUAL in tests: writes a note into the file it is given."""

import sys
from pathlib import Path

Path(sys.argv[-1]).write_text("Written in my editor\n", encoding="utf-8")
