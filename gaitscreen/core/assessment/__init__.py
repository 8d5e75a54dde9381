"""Clinical assessments built from measured and entered values (pure Python, no Qt)."""
