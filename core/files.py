"""Files that the processes of a site share (PRIVATE_MEDIA_ROOT: the plan PDF cache, meeting
bundles), whether they run on one machine or as replicas on several with one volume."""

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a reader in any process sees the old file or the new one,
    never half of one. The temporary name is unique on the volume (not the pid: replicas in
    containers often have the same pids), so two processes writing the same file at once do not
    write into each other's temporary file. The file is readable by its owner only (mkstemp's
    0600): the processes of a site run as one user, and the files hold pupils' names."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
