"""The dossier lifecycle: rules, state machine, models and the commands that change a dossier.

Nothing in this package imports Prefect: the CLI and most tests stay fast.
"""
