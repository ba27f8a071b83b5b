"""A dossier's document files (issue 25): what may be uploaded, the officer's check of each
file, the checklist's ticks they make, and the storage port the adapters implement."""
