"""Gold set for persuasion techniques (issue 12): annotation guide, gold spans, validator.

See `eval/techniques/GUIDE.md`. Nothing under `src/` may read these files at run time.
"""
