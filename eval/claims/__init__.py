"""Gold set for claims and stances (issue 3): canonical texts, gold annotations, validator.

See `eval/claims/GUIDE.md`. Nothing under `src/` may read these files at run time.
"""
