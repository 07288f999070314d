"""Where the project's parts live.

``PLAYBOOK_SRC`` names another training-source folder (modules/, courses/,
policy/, scorecards/, site/, laid out like playbook_src/): a company can keep
its courses in a folder of its own.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = Path(os.environ["PLAYBOOK_SRC"]).resolve() if os.environ.get("PLAYBOOK_SRC") else ROOT / "playbook_src"
MODULES = SRC / "modules"
COURSES = SRC / "courses"
POLICY = SRC / "policy"
DOCS = ROOT / "docs"
BASE_CONFIG = ROOT / "mkdocs.yml"
NODE_MODULES = ROOT / "node_modules"
SCORECARDS = SRC / "scorecards"
