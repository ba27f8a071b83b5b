"""A dossier's record: its sheet, documents and evidence, who prepared it, its history and the
corrections' shared rules."""
