"""``entx weapons``: the weapon knowledge base as a table a person can search."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from entx.knowledge import KnowledgeBaseError, load_weapons


def show_weapons(query: str | None, gazetteers: list[str], fmt: str, errors: Console) -> int:
    try:
        kb = load_weapons(gazetteers)
    except KnowledgeBaseError as error:
        errors.print(f"entx: [bold red]error[/]: gazetteer: {error}", soft_wrap=True, markup=True)
        return 2
    entries = kb.search(query) if query else sorted(kb, key=lambda e: e.name.casefold())
    if fmt == "jsonl":
        for entry in entries:
            record = {
                "name": entry.name,
                "aliases": list(entry.aliases),
                "category": entry.kind,
                "country": entry.country,
                "maker": entry.maker,
                "ambiguous": sorted(entry.ambiguous),
            }
            print(json.dumps(record, ensure_ascii=False))
        return 0
    title = f"{len(entries)} of {len(kb)} weapon systems" + (f" matching {query!r}" if query else "")
    table = Table(title=title, title_justify="left")
    for column in ("Name", "Aliases", "Category", "Country", "Maker"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        table.add_row(entry.name, ", ".join(entry.aliases), entry.kind.replace("_", " "), entry.country, entry.maker)
    Console(highlight=False).print(table)
    return 0 if entries or not query else 1
