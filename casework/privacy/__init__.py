"""Privacy of the dossier: retention (`retention`: anonymisation after the region's term), the
right of access (`subject_access`: the AVG art. 15 export) and the coördinator's pages for
both and for the access log (`views`, `urls`; NEN 7513). The access log itself is written by
`casework.access.log`."""

from .retention import anonymise_expired, case_anonymise, retention_deadline
from .subject_access import subject_access_export

__all__ = ["anonymise_expired", "case_anonymise", "retention_deadline", "subject_access_export"]
