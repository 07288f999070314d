"""The sales-playbook rules package: pure standard-library Python.

One entry point, ``run(name, payload)``, serves the browser worker (under
Pyodide), the ``playbook calc`` command and the tests alike; ``catalog()``
describes every calculator's inputs and outputs so that forms are generated,
never written twice. ``page`` adds what a page asks besides: the answer's
HTML (``render``), a pasted table read into rows (``table_paste``), a CSV. This package never imports mkdocs, jinja2 or ``js``.
"""

from __future__ import annotations

import json

# The calculators register in this order: the catalog, the CLI and the index page list them so.
# isort: off
from . import qualification, rotation, trade_show_leads  # noqa: F401  (register the calculators)
from . import forecast, funnel  # noqa: F401  (register forecast, funnel and the forecast policy check)
from . import attribution  # noqa: F401  (registers commission-split and the attribution policy check)
from . import scorecard  # noqa: F401  (registers scorecard and the scorecards policy check)
# isort: on
from .base import MAX_DEPTH, REGISTRY, Calculator, catalog, page_spec, run
from .jsontext import loads, over_json
from .money import Money
from .page import answer, answer_html, answer_json, csv_json, now_json, now_text, paste, paste_json, table_csv
from .policy import POLICY_CHECKS, POLICY_SECTIONS, PolicySection, policy_catalog, register_policy

__version__ = "0.1.0"
__all__ = [
    "MAX_DEPTH",
    "POLICY_CHECKS",
    "POLICY_SECTIONS",
    "REGISTRY",
    "Calculator",
    "Money",
    "PolicySection",
    "__version__",
    "answer",
    "answer_html",
    "answer_json",
    "catalog",
    "csv_json",
    "loads",
    "now_json",
    "now_text",
    "page_spec",
    "paste",
    "paste_json",
    "policy_catalog",
    "register_policy",
    "run",
    "run_json",
    "table_csv",
]


def run_json(name: str, payload_json: str, policy_json: str = "null") -> str:
    """``run`` over JSON text, for the browser worker and the CLI: JSON in, JSON out (read by ``jsontext``).

    JSON numbers with a fraction arrive as floats, which money fields refuse
    with a field error: amounts travel as decimal strings.
    """
    return over_json(name, payload_json, lambda payload: run(name, payload, json.loads(policy_json)))
