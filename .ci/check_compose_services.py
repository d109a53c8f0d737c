"""Checks the services of a normalized compose file (stdin) against the Maven reactor.

A service built from this repository must build from the repository root (where the one
Dockerfile is), and the first word of its command must be a module of the reactor (a service
such as scorer) or one of the launcher's own commands.
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

# Launcher commands that are not modules of their own.
LAUNCHER_COMMANDS = {"up", "topics", "train", "eval", "score", "replay"}


def reactor_modules(root: Path) -> set:
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    pom = ET.parse(root / "pom.xml").getroot()
    return {m.text.strip() for m in pom.findall("m:modules/m:module", ns)}


def main() -> int:
    root = Path(sys.argv[1]).resolve()
    modules = reactor_modules(root)
    services = yaml.safe_load(sys.stdin)["services"]
    errors = []
    for name, service in services.items():
        build = service.get("build")
        if build is None:
            continue
        context = Path(build["context"] if isinstance(build, dict) else build).resolve()
        if context != root:
            errors.append(f"{name}: build context {context} is not the repository root {root}")
        if not (context / build.get("dockerfile", "Dockerfile")).is_file():
            errors.append(f"{name}: no Dockerfile in {context}")
        command = service.get("command") or []
        if isinstance(command, str):
            command = command.split()
        if not command:
            errors.append(f"{name}: no command (expected `rlhf <service>`)")
            continue
        word = command[0]
        if word not in modules and word not in LAUNCHER_COMMANDS:
            errors.append(f"{name}: command '{word}' is neither a reactor module {sorted(modules)}"
                          f" nor a launcher command {sorted(LAUNCHER_COMMANDS)}")
        if word in modules and not (root / word / "pom.xml").is_file():
            errors.append(f"{name}: module {word} has no pom.xml")
        print(f"check-compose: {name}: builds from the root, runs `rlhf {' '.join(command)}`")
    dockerfile = (root / "Dockerfile").read_text()
    for module in re.findall(r"-pl\s+(\S+)", dockerfile):
        if module not in modules:
            errors.append(f"Dockerfile builds -pl {module}, which is not a reactor module")
    for error in errors:
        print(f"check-compose: ERROR {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
