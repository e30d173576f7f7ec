"""The parts of a section's form: rows, their heads and the value editors."""
