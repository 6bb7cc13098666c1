#!/bin/sh
# Runs one phase of `make test` and says how long it took, so that a slow run shows where its minutes went:
#   scripts/phase.sh NAME COMMAND [ARGUMENT...]
# The command's exit status is passed on.
name=$1
shift
start=$(date +%s)
"$@"
status=$?
echo "make test: $name took $(( $(date +%s) - start )) s (exit $status)"
exit $status
