"""The commands around the build: new, diff, freshness, codeowners (build.py's verbs beyond build and check)."""
