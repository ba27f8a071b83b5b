"""What is allowed: the state machine, rulebooks, working days, deadlines and permissions."""
