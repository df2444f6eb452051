"""YAML for the data files a user hands doccheck: plain data only, in bounded time and memory.

Rule packs, glossaries, profiles and word lists are YAML, and a user's file may be
careless or hostile. PyYAML's safe loader builds no Python objects, but it still
follows every alias: nine lines of anchors that repeat each other nine times stand
for 387 million strings (the "billion laughs"), and whatever walks the result walks
them all. So a document is composed into YAML nodes first (aliases stay shared,
which costs nothing), measured, and only then built:

- the nodes may carry only the tags of plain data — mapping, list, string, integer,
  float, boolean, null. Any explicit tag other than those (``!!python/object``,
  ``!custom``, ``!!binary``, ``!!set``) is refused, and a date is read as a string;
- what the aliases expand to is counted before anything is built, and a document
  that would stand for more than :data:`MAX_NODES` nodes is refused (so is an
  alias to a node that contains it);
- nesting is limited to :data:`MAX_DEPTH` levels, and a key may not be given twice
  in one mapping (YAML would keep the last one and silently drop the first).

Problems are raised as :class:`YamlRefused` with the line they are on; syntax errors
stay :class:`yaml.YAMLError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_NODES = 500_000  # nodes a document may stand for, its aliases followed (the shipped typo pack has 2,300)
MAX_DEPTH = 100  # levels of nesting (the shipped files use at most six)

_TAG = "tag:yaml.org,2002:"
PLAIN_TAGS = frozenset(_TAG + name for name in ("map", "seq", "str", "int", "float", "bool", "null"))


class YamlRefused(ValueError):
    """A YAML document that is valid but not plain, bounded data; the message is Chinese."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line  # 1-based, when the problem is at one place


class PlainResolver(yaml.resolver.BaseResolver):
    """YAML 1.1's implicit types, less dates and the merge key ``<<``: a date stays the
    string it was written as, and ``<<`` is an ordinary key (which no model accepts)."""


PlainResolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in PLAIN_TAGS]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}


def _plain_loader() -> type:
    """The loader class: on libyaml's parser when PyYAML was built with it (ten times
    faster, and it limits flow nesting itself), else on PyYAML's own."""
    try:
        from yaml.cyaml import CParser  # type: ignore[attr-defined]  # the stubs do not re-export it
    except ImportError:  # pragma: no cover - PyYAML built without libyaml

        class PythonLoader(
            yaml.reader.Reader,
            yaml.scanner.Scanner,
            yaml.parser.Parser,
            yaml.composer.Composer,
            yaml.constructor.SafeConstructor,
            PlainResolver,
        ):
            def __init__(self, stream: str) -> None:
                yaml.reader.Reader.__init__(self, stream)
                yaml.scanner.Scanner.__init__(self)
                yaml.parser.Parser.__init__(self)
                yaml.composer.Composer.__init__(self)
                yaml.constructor.SafeConstructor.__init__(self)
                PlainResolver.__init__(self)

        return PythonLoader

    class LibyamlLoader(CParser, yaml.constructor.SafeConstructor, PlainResolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            PlainResolver.__init__(self)

    return LibyamlLoader


PlainLoader = _plain_loader()


def load(text: str) -> Any:
    """The data of one YAML document (None for an empty one), checked as the module says."""
    loader = PlainLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:  # the pure-Python composer recurses per level
            raise YamlRefused(f"嵌套超过 {MAX_DEPTH} 层") from None
        if node is None:
            return None
        measure(node)
        try:
            return loader.construct_document(node)
        except ValueError as error:  # an integer of more digits than Python converts
            raise YamlRefused(f"无法读取的值：{error}") from None
    finally:
        loader.dispose()


def measure(root: Node) -> int:
    """How many nodes ``root`` stands for with its aliases followed; raises
    :class:`YamlRefused` for a tag, a repeated key, too deep a nesting, a recursive
    alias or more than :data:`MAX_NODES` nodes. Each distinct node is visited once,
    so a bomb is refused in time proportional to its size on disk."""
    sizes: dict[int, int] = {}  # id(node) → nodes it stands for, once known
    open_nodes: set[int] = set()  # the nodes on the path from the root
    _admit(root)
    stack: list[list[Any]] = [[root, _children(root), 1]]
    open_nodes.add(id(root))
    while stack:
        frame = stack[-1]
        for child in frame[1]:
            known = sizes.get(id(child))
            if known is not None:  # an alias to a node already measured
                frame[2] += known
                _within_limit(frame[2], child)
                continue
            if id(child) in open_nodes:
                raise YamlRefused("别名指向包含它自己的节点（递归别名）", _line(child))
            if len(stack) >= MAX_DEPTH:
                raise YamlRefused(f"嵌套超过 {MAX_DEPTH} 层", _line(child))
            _admit(child)
            open_nodes.add(id(child))
            stack.append([child, _children(child), 1])
            break
        else:
            node, _, size = stack.pop()
            sizes[id(node)] = size
            open_nodes.discard(id(node))
            if stack:
                stack[-1][2] += size
                _within_limit(stack[-1][2], node)
    return sizes[id(root)]


def _admit(node: Node) -> None:
    """Refuse a node that is not plain data, or a mapping that repeats a key."""
    if node.tag not in PLAIN_TAGS:
        shown = node.tag.replace(_TAG, "!!") if node.tag.startswith(_TAG) else node.tag
        raise YamlRefused(
            f"不允许使用 YAML 标签 {shown}：数据文件只能包含映射、列表、字符串、数字、布尔值和空值", _line(node)
        )
    if isinstance(node, MappingNode):
        seen: set[tuple[str, str]] = set()
        for key, _ in node.value:
            if isinstance(key, ScalarNode):
                if (key.tag, key.value) in seen:
                    raise YamlRefused(f"键“{key.value}”在同一映射中出现了两次", _line(key))
                seen.add((key.tag, key.value))


def _children(node: Node) -> Iterator[Node]:
    if isinstance(node, SequenceNode):
        yield from node.value
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield key
            yield value


def _within_limit(size: int, node: Node) -> None:
    if size > MAX_NODES:
        raise YamlRefused(f"展开别名后超过 {MAX_NODES:,} 个节点（疑似“别名炸弹”），不予读取", _line(node))


def _line(node: Node) -> int | None:
    mark = getattr(node, "start_mark", None)
    return mark.line + 1 if mark is not None else None
