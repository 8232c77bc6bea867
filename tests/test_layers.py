"""The layering: no package imports a package above it, and no module imports itself back.

Every import counts, also those inside functions or under `TYPE_CHECKING`: a lazy import is an
import all the same. README's "How it works" lists the same order.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import filigrane

ROOT = Path(filigrane.__file__).parent

#: Bottom to top: each layer may import the layers below it (and itself), never one above.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("version", "claim_records", "document", "corpus_records", "stats", "steps", "data", "i18n"),  # the ground floor
    ("clean",),
    ("ingest",),
    ("provenance",),
    ("claims",),
    ("techniques",),
    ("nlp",),
    ("narratives",),
    ("stories",),
    ("report",),
    ("engine",),  # the executor, the recipe (`Pipeline.default`), the contract sink
    ("store",),  # the store as a sink and as the corpus
    ("api",),
    ("web",),
    ("cli", "__main__"),
    ("__init__",),  # the package's facade, every name loaded lazily
)
LEVEL = {part: level for level, parts in enumerate(LAYERS) for part in parts}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def imports(name: str) -> Iterator[str]:
    """The filigrane modules `name` imports (a `from package import module` names the module)."""
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.split(".")[0] == "filigrane")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "filigrane":
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                yield submodule if submodule in MODULES else node.module


def layer(name: str) -> str:
    """`filigrane.store.sink` -> `store`; the package itself -> `__init__`."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_package_has_a_layer() -> None:
    assert {layer(name) for name in MODULES} <= set(LEVEL)


def test_no_package_imports_a_package_above_it() -> None:
    upward = [
        f"{name} imports {target}"
        for name in MODULES
        for target in imports(name)
        if LEVEL[layer(target)] > LEVEL[layer(name)]
    ]
    assert not upward, "\n".join(upward)


def test_no_import_cycle() -> None:
    graph = {name: {target for target in imports(name) if target in MODULES and target != name} for name in MODULES}
    cycles = [component for component in _strongly_connected(graph) if len(component) > 1]
    assert not cycles, cycles


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return components
