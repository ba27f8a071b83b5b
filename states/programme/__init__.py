"""The programme: yearly plans and rounds, renewal and revocation campaigns and their proposals."""
