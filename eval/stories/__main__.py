"""`python -m eval.stories`."""

from eval.stories import main

raise SystemExit(main())
