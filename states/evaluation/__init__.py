"""Evaluation: what a council scores and the commands that record its result (councils and score
sheets go here)."""
