"""Does the checker bind each number of the built-in writer's draft to the writer's fact? (prints only)

    python eval/writer_agreement.py [DATA.yaml ...]

With no arguments: every data file of the project (examples/*, eval/corpus/*). Per file the number of
disagreements, then each: section, kind (other_fact: the checker proves it by another fact;
not_proved; untraced: a number the writer did not write from a fact, usually a word the checker reads
as a number; ignored; data_error: the data's own mistake, not a disagreement), the sentence, the
writer's fact and the checker's. See drafter.evaluation.provenance.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafter.check.ground import make_grounder  # noqa: E402
from drafter.data.load import load_data  # noqa: E402
from drafter.evaluation.provenance import disagreements  # noqa: E402


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or (
        sorted(ROOT.glob("examples/*/data.yaml")) + sorted(ROOT.glob("eval/corpus/*/data.yaml"))
    )
    kinds: Counter[str] = Counter()
    for path in paths:
        data = load_data(path)
        grounder = make_grounder(data)
        found = disagreements(data, grounder)
        kinds.update(d.kind for d in found)
        real = [d for d in found if d.kind != "data_error"]
        print(
            f"{path}: {len(real)} disagreements"
            + (f", {len(found) - len(real)} data errors" if found else "")
        )
        for d in found:
            print("   ", d.line(grounder.facts))
    print("\nby kind:", ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "none")


if __name__ == "__main__":
    main()
