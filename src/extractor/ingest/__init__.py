"""Stage 1-2: reading inputs (text, PDF, sidecars) and cleaning them into plain text."""
