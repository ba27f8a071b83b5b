"""The rulebooks (versioned law, one file per rulebook), the working-day calendar, and how points
and terms are computed and read."""
