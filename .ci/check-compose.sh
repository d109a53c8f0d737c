#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine:
#   1. `docker-compose config -q` accepts it;
#   2. every service built from this repository builds from the root (where the Dockerfile is),
#      and its command names a module of the Maven reactor or a launcher command;
#   3. the Dockerfile builds a module that exists.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if ! command -v docker-compose >/dev/null 2>&1; then
    echo "check-compose: docker-compose is missing; installing it (Debian package docker-compose)"
    SUDO=""
    [[ "$(id -u)" == 0 ]] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq docker-compose > /dev/null
fi

docker-compose -f docker-compose.yml config -q
echo "check-compose: docker-compose.yml is valid ($(docker-compose version --short 2>/dev/null || echo docker-compose))"

# Debian's docker-compose runs on /usr/bin/python3 with python3-yaml; use that interpreter.
PYTHON=""
for candidate in /usr/bin/python3 python3; do
    if "$candidate" -c 'import yaml' > /dev/null 2>&1; then
        PYTHON="$candidate"
        break
    fi
done
[[ -n "$PYTHON" ]] || { echo "check-compose: no python3 with PyYAML found" >&2; exit 1; }

docker-compose -f docker-compose.yml config | "$PYTHON" "$ROOT/.ci/check_compose_services.py" "$ROOT"
