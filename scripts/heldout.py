#!/usr/bin/env python3
"""Lays newspaper4k's test pages out as `examples/extraction.rs` reads pages.

Usage: heldout.py NEWSPAPER4K_TESTS_DATA OUT

NEWSPAPER4K_TESTS_DATA is the `tests/data` folder of newspaper4k's source package (it holds
`html/`, `txt/` and `metadata/`); OUT gets a folder per page with an expected text: the page as
`source.html`, the text as `expected.html` (a paragraph per line) and `expected-metadata.json`
(title; author only where newspaper4k names exactly one and it is a person's name, as its
author lists also hold site names and fragments; date where it states one).
"""

import html
import json
import os
import sys
from pathlib import Path


def looks_like_a_person(name: str) -> bool:
    words = name.replace('"', " ").split()
    return (
        2 <= len(words) <= 6
        and "." not in name.replace(". ", " ")
        and all(w[0].isupper() or w in ("de", "la", "del", "van", "von") for w in words)
        and not any(w.lower() in ("wire", "desk", "staff", "news") for w in words)
    )


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    data, out = Path(sys.argv[1]), Path(sys.argv[2])
    written = 0
    for page in sorted((data / "html").glob("*.html")):
        name = page.stem
        text_file = data / "txt" / f"{name}.txt"
        if not text_file.exists():
            continue
        text = text_file.read_text(encoding="utf-8").strip()
        if not text:
            continue
        meta_file = data / "metadata" / f"{name}.json"
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
        authors = meta.get("authors") or []
        author = authors[0] if len(authors) == 1 and looks_like_a_person(authors[0]) else None
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "source.html").write_bytes(page.read_bytes())
        paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        (folder / "expected.html").write_text(f"<div>{body}</div>", encoding="utf-8")
        expected = {
            "title": meta.get("title"),
            "byline": author,
            "publishedTime": meta.get("publish_date"),
        }
        (folder / "expected-metadata.json").write_text(
            json.dumps(expected, ensure_ascii=False), encoding="utf-8"
        )
        written += 1
    print(f"{written} pages in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
