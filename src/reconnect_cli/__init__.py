"""reconnect: a weekly ritual for couples, kept in the terminal."""

__version__ = "0.1.0"
