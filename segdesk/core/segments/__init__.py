"""Ordered segment sets: priority assignment, overlap, guardrails and the control group."""
