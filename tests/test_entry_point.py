"""`stancelib --version` answers without importing spaCy; other commands reach the full CLI."""
import subprocess
import sys

_CHECK = """
import sys
import stancelib_cli
code = stancelib_cli.main(["--version"])
print("spacy" in sys.modules, "stancelib" in sys.modules, code)
"""


def test_version_does_not_import_spacy():
    proc = subprocess.run([sys.executable, "-c", _CHECK], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["stancelib 0.1.0", "False False 0"]


def test_other_commands_go_to_the_cli():
    proc = subprocess.run([sys.executable, "-c", "import stancelib_cli; raise SystemExit(stancelib_cli.main(['topics', '--format', 'json']))"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert '"scaling_law"' in proc.stdout
