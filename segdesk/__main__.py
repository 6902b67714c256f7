from segdesk.cli import main

raise SystemExit(main())
