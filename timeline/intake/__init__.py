"""Intake: every way an article comes in becomes one `Article` under one set of rules."""
