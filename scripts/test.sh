#!/usr/bin/env bash
# Install segdesk with its test tools into .venv and run every check: lint, architecture, types, tests.
source "$(dirname "$0")/_env.sh" "[test]"
.venv/bin/ruff check segdesk tests benchmarks scripts
.venv/bin/lint-imports
.venv/bin/mypy
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q "$@"
