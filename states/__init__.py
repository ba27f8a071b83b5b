"""The domain: one package per capability (lifecycle, evaluation, dossiers, registry, territory,
people, programme, training, reorganisation, corrections, oversight, rules), over a small kernel
(clock, errors, runtime, text, permissions, the database) and one vocabulary.

Nothing in this package imports Prefect: the CLI and most tests stay fast.
"""
