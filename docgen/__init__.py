"""docgen: Markdoc documentation sites in Python — build, serve and check.

The package follows the pipeline, one direction of data flow:
source text → markdoc (parse → AST) → transform (schema, variables, partials)
→ render (HTML via the theme) → write; check reads the same AST and site graph.
"""

__version__ = "0.1.0"
