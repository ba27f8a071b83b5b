"""The Department's view: worklists, stuck dossiers, sweeps of what is due, the dashboard's counts."""
