"""Stages 1 and 2, what councils write: load the YAML with positions, the models, the rules that span files, and the problems reported."""
