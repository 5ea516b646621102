import subprocess
import sys


def moslik(*args, timeout=300, **kwargs) -> subprocess.CompletedProcess:
    """Run the `moslik` command line in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "engine.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, check=False, **kwargs)
