#!/bin/sh
# laneguard's pre-receive hook for GitHub Enterprise Server. Commit this file (executable) to the
# repository that holds your pre-receive hooks and pick it, with the "laneguard" hook environment
# built by packaging/ghes/build-hook-env.sh, under Site admin -> Settings -> Hooks (docs/server.md).
# GHES runs it inside that environment with the push's ref lines on stdin and GITHUB_USER_LOGIN set.
exec /usr/local/bin/laneguard pre-receive
