"""`python -m planner` runs the same command line as `smm-planner`."""

from planner.entry import main

main()
