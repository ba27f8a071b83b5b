"""The antivirus hook: no scanner runs here (none is installed on these machines), but a
province may set OCOP_FILES_SCAN_COMMAND (e.g. `clamdscan --no-summary`): every received file
is passed to it, by path, before it is kept; any exit but 0 refuses the file."""

import shlex
import subprocess
from pathlib import Path

from states.errors import ConfigurationError

# A scan of a 20 MB file takes a second or two with clamd; a hung scanner must not hold the
# upload for ever.
SCAN_TIMEOUT_SECONDS = 120


class CommandScanner:
    def __init__(self, command: str) -> None:
        self.argv = shlex.split(command)
        if not self.argv:
            raise ConfigurationError("OCOP_FILES_SCAN_COMMAND rỗng: bỏ biến này hoặc ghi lệnh quét.")

    def __call__(self, path: Path) -> str | None:
        try:
            done = subprocess.run([*self.argv, str(path)], capture_output=True, timeout=SCAN_TIMEOUT_SECONDS,
                                  check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ConfigurationError(f"Không chạy được lệnh quét virus ({self.argv[0]}): {error}.") from None
        if done.returncode == 0:
            return None
        said = done.stdout.decode("utf-8", "replace").strip().splitlines()
        return "phần mềm quét virus từ chối tệp" + (f" ({said[-1][:200]})" if said else "")
