#!/usr/bin/env python3
"""Prints the slowest test classes of the last build, from the JUnit XML reports every module left in target/.

Surefire and failsafe write one report per class, whose testsuite time includes the class's set-up (a post started
in @BeforeAll, say); the OSGi tests (bnd-testing-maven-plugin, target/test-reports) write one report for the whole
bundle, whose test cases are added up per class. Usage: slowest-tests.py [how many, default 15] [root, default .]
"""
import os
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict


def reports(root):
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in (".git", "node_modules", "src")]
        if "target" not in folder.split(os.sep):
            continue
        for name in files:
            if name.startswith("TEST-") and name.endswith(".xml"):
                yield os.path.join(folder, name)


def seconds(element):
    try:
        return float(element.get("time", "0").replace(",", ""))
    except ValueError:
        return 0.0


def class_times(root):
    times = defaultdict(float)
    for path in reports(root):
        parts = os.path.relpath(path, root).split(os.sep)
        module = os.sep.join(parts[:parts.index("target")]) or "."
        try:
            suite = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        if "surefire-reports" in path or "failsafe-reports" in path:
            times[(suite.get("name", "?"), module)] += seconds(suite)
        else:
            for case in suite.iter("testcase"):
                times[(case.get("classname", "?"), module)] += seconds(case)
    return times


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    root = sys.argv[2] if len(sys.argv) > 2 else "."
    times = class_times(root)
    if not times:
        print("No test reports found.")
        return
    slowest = sorted(times.items(), key=lambda item: item[1], reverse=True)[:count]
    print(f"Slowest test classes ({len(times)} classes, {sum(times.values()):.0f} s in all):")
    for (name, module), time in slowest:
        print(f"{time:8.1f} s  {name}  ({module})")


if __name__ == "__main__":
    main()
