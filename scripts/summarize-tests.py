"""Sums the trx files of every .NET test project and ctest's JUnit file into one plain line:
'N passed, N failed, N skipped'. Exits non-zero when anything failed or nothing ran."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

results = sys.argv[1]
passed = failed = skipped = 0
for path in sorted(glob.glob(os.path.join(results, "*.trx"))):
    root = ET.parse(path).getroot()
    counters = root.find(".//{*}ResultSummary/{*}Counters")
    if counters is None:
        continue
    p = int(counters.get("passed", 0))
    f = int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    # Skipped tests appear as total - executed (the trx "notExecuted" counter stays 0 for them).
    s = max(int(counters.get("notExecuted", 0)), int(counters.get("total", 0)) - int(counters.get("executed", 0)))
    passed, failed, skipped = passed + p, failed + f, skipped + s
# A test host that crashed or was killed may leave no trx, or one that shows no failure:
# a non-zero exit with nothing failed on record counts as one failure.
for exit_path in sorted(glob.glob(os.path.join(results, "*.exit"))):
    name = os.path.basename(exit_path)[:-5]
    code = open(exit_path).read().strip()
    trx = os.path.join(results, name + ".trx")
    recorded = 0
    if os.path.exists(trx):
        counters = ET.parse(trx).getroot().find(".//{*}ResultSummary/{*}Counters")
        if counters is not None:
            recorded = int(counters.get("failed", 0)) + int(counters.get("error", 0))
    if code != "0" and recorded == 0:
        print(f"{name}: test host exited {code} with no failure recorded (crash or hang); counted as 1 failed")
        failed += 1
junit = os.path.join(results, "ctest.xml")
if os.path.exists(junit):
    suite = ET.parse(junit).getroot()
    tests = int(suite.get("tests", 0))
    f = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    s = int(suite.get("skipped", 0)) + int(suite.get("disabled", 0))
    passed, failed, skipped = passed + tests - f - s, failed + f, skipped + s
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or passed == 0 else 0)
