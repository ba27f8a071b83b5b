"""Task 2 of the seed letter: training courses and attendance, who prepared each dossier, consultants."""
