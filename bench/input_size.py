"""Peak memory against the size of ONE input: it must grow linearly, with a small constant.

    .venv/bin/python -m bench.input_size                      # --no-nlp and NLP cases, see CASES
    .venv/bin/python -m bench.input_size --cases long-1,paras-10000 --nlp off

Each case is one `.txt` article written under bench/results/ and analysed alone, in a fresh
subprocess, by `filigrane analyze FILE --no-db --max-bytes 64MiB -o /dev/null` (with `--no-nlp` or
with the French model); its peak RSS comes from `getrusage(RUSAGE_CHILDREN)` in a small wrapper process started
for that run alone. Shapes:

- `long-N`: one line of N MB, nothing else (sentences from the demo corpus joined by spaces);
- `paras-N`: a title, then N paragraphs of one to three sentences each (about 270 bytes a paragraph).

A baseline (a one-sentence article) gives the fixed cost (interpreter, libraries, model), so the
table states the constant as MB of peak over that baseline per MB of input. Every child runs under
an address-space cap (`--cap-gb`, 6 GB by default): a regression fails the case, it cannot eat
the machine.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import RESULTS, load_pool

MB = 1024 * 1024
#: The 20 MB cases sit at the default per-article cap (20 MiB); the cap is raised so they are read.
MAX_BYTES = 64 * MB
#: Case name -> (shape, size): MB for `long`, paragraphs for `paras`.
CASES: dict[str, tuple[str, int]] = {
    "long-1": ("long", 1),
    "long-5": ("long", 5),
    "long-20": ("long", 20),
    "paras-1mb": ("paras", 4_000),
    "paras-5mb": ("paras", 20_000),
    "paras-20mb": ("paras", 78_000),
    "paras-10000": ("paras", 10_000),
    "paras-100000": ("paras", 100_000),
}
DEFAULT_NO_NLP = tuple(CASES)
DEFAULT_NLP = ("long-1", "long-5", "paras-1mb", "paras-5mb", "paras-10000")


@dataclass(frozen=True)
class Row:
    case: str
    nlp: bool
    input_mb: float
    peak_mb: float
    seconds: float
    exit_code: int

    def per_mb(self, baseline: float) -> float:
        return (self.peak_mb - baseline) / self.input_mb if self.input_mb else 0.0


def sentences() -> list[str]:
    """French sentences of the shipped demo corpus (fictional articles written for the project)."""
    pool = load_pool(europa=None)
    found = [piece.strip() + "." for paragraph in pool.paragraphs for piece in paragraph.split(". ") if piece.strip()]
    return [sentence.replace("..", ".") for sentence in found]


def write_case(name: str, folder: Path) -> Path:
    """The case's article, written once (deterministic)."""
    shape, size = CASES[name]
    path = folder / f"input-{name}.txt"
    if path.exists():
        return path
    rng = random.Random(size)
    pool = sentences()
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        if shape == "long":
            written = 0
            while written < size * MB:
                sentence = rng.choice(pool) + " "
                out.write(sentence)
                written += len(sentence.encode("utf-8"))
            out.write("\n")
        else:
            out.write("Un article de test pour la mesure de la mémoire\n\n")
            for _ in range(size):
                out.write(" ".join(rng.choice(pool) for _ in range(rng.randint(1, 3))) + "\n\n")
    return path


#: Runs the command given as arguments and prints its peak RSS (KiB): a fresh parent per run, so
#: RUSAGE_CHILDREN holds that run alone.
_WRAPPER = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], capture_output=True).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)"
)


def measure(path: Path, nlp: bool, cap_gb: float, timeout: float) -> tuple[float, float, int]:
    """(peak RSS in MB, seconds, exit code) of one `filigrane analyze` run in a fresh process."""
    command = [sys.executable, "-m", "filigrane.cli", "analyze", str(path), "--no-db", "-q", "-o", "/dev/null"]
    command += ["--max-bytes", str(MAX_BYTES)]
    if not nlp:
        command.append("--no-nlp")
    cap = int(cap_gb * 1024**3)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _WRAPPER, *command],
            preexec_fn=limit,
            timeout=timeout,
            capture_output=True,
            text=True,
            check=False,
        )
        peak_kib, code = (int(value) for value in done.stdout.split())
    except (subprocess.TimeoutExpired, ValueError):
        return 0.0, time.perf_counter() - started, -1
    return peak_kib / 1024, time.perf_counter() - started, code


def run(cases: list[str], nlp: bool, cap_gb: float, timeout: float, folder: Path) -> tuple[float, list[Row]]:
    """The baseline peak (a one-sentence article) and one row per case, smallest input first;
    each row is printed as it comes (the NLP cases take minutes each)."""
    baseline_path = folder / "input-baseline.txt"
    baseline_path.parent.mkdir(parents=True, exist_ok=True)
    baseline_path.write_text("Le maire de Valmont a annoncé mardi la fermeture de l'usine.\n", encoding="utf-8")
    baseline, _, _ = measure(baseline_path, nlp, cap_gb, timeout)
    print(f"baseline ({'NLP' if nlp else 'no NLP'}): {baseline:.0f} MB", flush=True)
    rows = []
    for name in sorted(cases, key=lambda case: write_case(case, folder).stat().st_size):
        path = write_case(name, folder)
        peak, seconds, code = measure(path, nlp, cap_gb, timeout)
        rows.append(Row(name, nlp, path.stat().st_size / MB, peak, seconds, code))
        print(f"  {name}: {rows[-1].input_mb:.1f} MB in, {peak:.0f} MB peak, {seconds:.0f} s, exit {code}", flush=True)
    return baseline, rows


def slopes(rows: list[Row]) -> dict[str, float]:
    """MB of peak per MB of input for each shape: least-squares slope over its cases that ran."""
    found: dict[str, float] = {}
    for shape in ("long", "paras"):
        points = [(row.input_mb, row.peak_mb) for row in rows if CASES[row.case][0] == shape and row.exit_code == 0]
        if len(points) < 2:
            continue
        mean_x = sum(x for x, _ in points) / len(points)
        mean_y = sum(y for _, y in points) / len(points)
        spread = sum((x - mean_x) ** 2 for x, _ in points)
        if spread:
            found[shape] = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return found


def table(baseline: float, rows: list[Row]) -> str:
    lines = [
        f"baseline (one sentence): {baseline:.0f} MB peak",
        "",
        "| case | NLP | input (MB) | peak RSS (MB) | over baseline per input MB | time (s) | exit |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.case} | {'yes' if row.nlp else 'no'} | {row.input_mb:.1f} | {row.peak_mb:.0f} "
            f"| {row.per_mb(baseline):.1f} | {row.seconds:.1f} | {row.exit_code} |"
        )
    lines.append("")
    for shape, slope in slopes(rows).items():
        lines.append(f"linear constant, {shape}: {slope:.1f} MB of peak per MB of input (least-squares slope)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", help=f"comma-separated, among {', '.join(CASES)} (default: all, NLP on fewer)")
    parser.add_argument("--nlp", choices=("off", "on", "both"), default="both")
    parser.add_argument("--cap-gb", type=float, default=6.0, help="address-space cap of each run")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds allowed per run")
    args = parser.parse_args(argv)
    chosen = args.cases.split(",") if args.cases else None
    unknown = [case for case in chosen or () if case not in CASES]
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)}")
    failed = False
    for nlp in {"off": (False,), "on": (True,), "both": (False, True)}[args.nlp]:
        cases = chosen or list(DEFAULT_NLP if nlp else DEFAULT_NO_NLP)
        baseline, rows = run(cases, nlp, args.cap_gb, args.timeout, RESULTS / "input-size")
        print(table(baseline, rows))
        print()
        failed = failed or any(row.exit_code not in (0, 1) for row in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
