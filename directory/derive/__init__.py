"""Stage 3, derive: indexes, matches and opportunities computed from the validated directory."""
