"""A dossier's record: its sheet, documents and evidence, who prepared it, its history, and
the rules every correction shares."""
