import subprocess
import sys

import eventwire


def test_all_names_resolve():
    for name in eventwire.__all__:
        assert getattr(eventwire, name) is not None, name


def test_import_loads_no_model_or_parser():
    code = "import sys, eventwire; print(any(m in sys.modules for m in ('spacy', 'trafilatura', 'datasketch')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_every_command_has_help_with_an_example():
    from eventwire.cli import main

    for name, command in main.commands.items():
        assert command.help, name
        assert "Example:" in command.help, f"{name} has no example in its help"
