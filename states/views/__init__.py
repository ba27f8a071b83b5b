"""Read models: what people and schedules look at (dossiers, lists, the stuck list, sweeps)."""
