"""entx: people, organisations, places and weapon systems in French text.

Importing the package stays cheap (no spaCy) so that ``entx --help`` answers at once;
spaCy is loaded only when a pipeline is built (:mod:`entx.pipeline`).
"""

__version__ = "0.1.0"
