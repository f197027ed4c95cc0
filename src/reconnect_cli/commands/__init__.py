"""One module per command: parse the options, call ``ritual``, render the result.

Only Typer and the standard library are imported at module level here; the
core (pydantic models, YAML, dateutil) is imported inside each command.
"""
