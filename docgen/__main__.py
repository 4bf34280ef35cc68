"""`python -m docgen` is the `docgen` command."""

from docgen.cli import main

if __name__ == "__main__":
    main()
