"""Where the project's parts live."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "playbook_src"
MODULES = SRC / "modules"
COURSES = SRC / "courses"
POLICY = SRC / "policy"
DOCS = ROOT / "docs"
BASE_CONFIG = ROOT / "mkdocs.yml"
NODE_MODULES = ROOT / "node_modules"
SCORECARDS = SRC / "scorecards"
