"""spaCy components of entx, registered as factories.

Importing this package registers ``entx_span_rules``, ``entx_organisations`` and
``entx_weapons`` with spaCy, so that ``nlp.add_pipe("entx_weapons")`` works in any
pipeline; the same names are published as ``spacy_factories`` entry points, so that a
pipeline saved with them loads without importing entx first.
"""

from entx.components import organisations, span_rules, weapons  # noqa: F401  (registration)
