"""Persuasion techniques as spans (SemEval-2023 Task 3 subtask 3 taxonomy): French on the parse,
English on the light pipeline.

`rules`: the spaCy components `filigrane_techniques` / `filigrane_techniques_en` leave each
paragraph's spans on its Doc (importing `filigrane.techniques.rules` registers them); `extract`:
`TechniqueExtractor` adds them, with what the claims know, to `Document.techniques`; `step`:
`FinishTechniques` joins overlapping spans, adds Repetition and fills each paragraph's set;
`taxonomy`: the 23 names in 6 categories. This package itself imports nothing heavy, so the report
can read the taxonomy without spaCy.
"""
