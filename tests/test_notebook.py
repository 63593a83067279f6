"""docs/quickstart.ipynb runs top to bottom (nbclient, the ipykernel of this environment)."""
from __future__ import annotations

from pathlib import Path

import nbclient
import nbformat

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "quickstart.ipynb"


def test_quickstart_notebook_runs_and_shows_each_view():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    nbclient.NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any('class="stancelib-doc"' in h for h in html)               # the DocResult view
    assert any('<div class="spans"' in h and "NOT_SPEECH" in h for h in html)  # displaCy's span view
    assert any("<table" in h and "speaker_org" in h for h in html)       # a DataFrame
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 2   # both plots
    assert "direct_accuracy" in outputs[-1]["data"]["text/plain"]        # the evaluation
