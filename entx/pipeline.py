"""Build the spaCy pipeline entx runs: the model's NER plus entx's own components.

Only what named-entity recognition needs is loaded: the tagger, parser and lemmatizer
cost about 60% of the time of fr_core_news_md and entx uses none of their output (its
rules read token text, not lemmas), so excluding them makes entx faster than the
full pipeline it builds on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from entx.models import ModelNotFound, install_hint

# spaCy's tokenizer caches 10,000 whitespace-separated chunks and then stops caching, so
# past the first few hundred documents the rarer words always miss it. The benchmark's
# million words hold ~100,000 distinct chunks: caching that many tokenizes them 1.6x
# faster (6.8 -> 4.1 CPU s) for a few MB, and the cache stays bounded whatever the corpus.
TOKENIZER_CACHE = 100_000


@dataclass(frozen=True)
class PipelineSettings:
    """Everything needed to build the same pipeline again in another process."""

    model: str
    gazetteers: tuple[str, ...] = ()
    sentences: bool = False
    batch_size: int = 64


def _needed_components(config) -> list[str]:
    """``ner`` and the components it listens to (a shared ``tok2vec`` in some models)."""
    needed = {"ner"}
    ner_model = config["components"].get("ner", {}).get("model", {})
    listener = ner_model.get("tok2vec", {})
    if "Listener" in str(listener.get("@architectures", "")):
        needed.add(listener.get("upstream", "tok2vec"))
    return [name for name in config["nlp"]["pipeline"] if name in needed]


def load_pipeline(settings: PipelineSettings):
    """Load the model with only its NER components, then add entx's components."""
    import spacy
    from spacy.util import get_package_path, is_package, load_config

    import entx.components  # noqa: F401  (registers the factories)

    name = settings.model
    path = Path(name)
    if path.exists():
        config_path = path / "config.cfg"
    elif is_package(name.replace("-", "_")):
        name = name.replace("-", "_")
        # A model package keeps its pipeline in a versioned folder inside the package.
        config_path = next(get_package_path(name).glob("*/config.cfg"), Path("missing"))
    else:
        raise ModelNotFound(settings.model, install_hint(settings.model))
    if not config_path.is_file():
        raise ModelNotFound(settings.model, f"{settings.model} is not a spaCy pipeline (no config.cfg)")
    config = load_config(config_path)
    keep = _needed_components(config)
    if "ner" not in keep:
        raise ModelNotFound(settings.model, f"{settings.model} has no 'ner' component")
    exclude = [c for c in config["nlp"]["pipeline"] if c not in keep]
    nlp = spacy.load(name, exclude=exclude)
    nlp.tokenizer.max_cache_size = max(nlp.tokenizer.max_cache_size, TOKENIZER_CACHE)
    if settings.sentences:
        nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("entx_span_rules")
    nlp.add_pipe("entx_organisations")
    nlp.add_pipe("entx_weapons", config={"gazetteers": list(settings.gazetteers)})
    return nlp


def plain_pipeline(model: str):
    """The model as spaCy ships it, for ``entx eval --plain``."""
    import spacy

    return spacy.load(model.replace("-", "_"))
