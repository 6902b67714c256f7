"""The Qt-free core: import, model, rules, scoring, export. Never imports Qt (import-linter enforces it)."""
