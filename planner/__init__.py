"""smm-planner: SMM and SMO strategies as one TOML file, turned into client documents."""

__version__ = "0.1.0"
