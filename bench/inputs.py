"""The inputs every tool in the bench reads, built once per run under ``bench/out/``.

Three sets: the seed document; about 1 MB (UTF-8) of documents — the seed and the
corpus documents in name order, each its own file; and the whole corpus. Each set
exists as the original ``.txt`` files (for doccheck) and as ``.md`` copies of the
same bytes (the Markdown linters only read ``.md``). The corpus is read, never
copied into the repository: ``bench/out/`` is ignored by git.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_7afa1ad67aa4f061.txt"
CORPUS = SHARED / "corpus"
OUT = HERE / "out"
MEGABYTE = 1_000_000  # the bench counts MB as 10^6 bytes of UTF-8


@dataclass
class InputSet:
    name: str
    texts: list[Path]  # the originals
    markdown: list[Path]  # .md copies of the same bytes

    @property
    def size(self) -> int:
        return sum(path.stat().st_size for path in self.texts)

    @property
    def chars(self) -> int:
        return sum(len(path.read_text(encoding="utf-8")) for path in self.texts)


def _markdown_copies(name: str, files: list[Path]) -> list[Path]:
    folder = OUT / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    copies = []
    for index, path in enumerate(files):
        copy = folder / f"{index:03d}-{path.stem}.md"
        shutil.copyfile(path, copy)
        copies.append(copy)
    return copies


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def build() -> dict[str, InputSet]:
    if not SEED.exists() or not CORPUS.is_dir():
        raise SystemExit(f"bench needs the shared material beside the checkout: {SEED} and {CORPUS}")
    corpus = corpus_files()
    megabyte, size = [SEED], SEED.stat().st_size
    for path in corpus * 2:
        if size >= MEGABYTE:
            break
        megabyte.append(path)
        size += path.stat().st_size
    return {
        "seed": InputSet("seed", [SEED], _markdown_copies("seed", [SEED])),
        "megabyte": InputSet("megabyte", megabyte, _markdown_copies("megabyte", megabyte)),
        "corpus": InputSet("corpus", corpus, _markdown_copies("corpus", corpus)),
    }
