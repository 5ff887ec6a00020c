"""Print pip constraints pinning every hard dependency to its oldest allowed version.

CI installs vizkit once against these pins, so a feature that needs a newer
release than setup.cfg admits fails here instead of on a user's machine.
"""

import configparser
import re
import sys
from pathlib import Path

config = configparser.ConfigParser()
config.read(Path(__file__).resolve().parent.parent / "setup.cfg")
for line in config["options"]["install_requires"].split("\n"):
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)>=([^,\s]+)\s*", line)
    if match:
        sys.stdout.write(f"{match[1]}=={match[2]}\n")
