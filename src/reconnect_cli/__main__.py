"""Allow ``python -m reconnect_cli`` to work like ``reconnect``."""

from reconnect_cli.cli import main

if __name__ == "__main__":
    main()
