"""The lifecycle: the one machine, its guards and deadlines, registration and placing, each step's
change and the endings."""
