"""The 2025 reorganisation: the switch of units, dossiers following successors, settling what is left."""
