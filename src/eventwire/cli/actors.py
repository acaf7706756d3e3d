"""CLI commands of this stage."""

from __future__ import annotations

COMMANDS: list = []
