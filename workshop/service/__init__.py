"""Use cases: check who may act, apply the domain rule, persist, say what to announce."""
