"""`python -m filigrane` is the `filigrane` command."""

from filigrane.cli import main

main()
