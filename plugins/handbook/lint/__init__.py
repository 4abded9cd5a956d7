"""The editors' linter: rules, runner, reporters and the command line."""
