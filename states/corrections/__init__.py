"""Corrections with an audit trail: a dossier's recorded steps, its product and its producer."""
