"""Case-file models. Every table is append-only history: a change adds a dated row; a correction
is a new row whose ``supersedes_id`` names the row it replaces, and the old row stays."""

from app.casefile.models.access import (
    AccessGrant,
    AccessPurpose,
    AuditAction,
    AuditEntry,
    ErasureRecord,
)
from app.casefile.models.base import CaseFile, EntryMixin
from app.casefile.models.documents import DocumentKind, DocumentStatus, GeneratedDocument
from app.casefile.models.goals import (
    CaseGoal,
    CaseNote,
    GoalStatus,
    GoalStatusEntry,
    Measure,
    MeasureStatus,
    MeasureStatusEntry,
)
from app.casefile.models.learning import (
    CourseEntry,
    CourseKind,
    CourseStatus,
    LanguageTestResult,
    Qualification,
    QualificationKind,
    RecognitionEntry,
    RecognitionStatus,
)
from app.casefile.models.status import (
    LifecycleStatus,
    ResidenceObligationEntry,
    StatusEntry,
    WorkPermissionEntry,
)

# Every table that holds entries of a case file, for history views, export and erasure.
ENTRY_MODELS = (
    StatusEntry,
    ResidenceObligationEntry,
    WorkPermissionEntry,
    Qualification,
    RecognitionEntry,
    CourseEntry,
    LanguageTestResult,
    CaseGoal,
    GoalStatusEntry,
    Measure,
    MeasureStatusEntry,
    CaseNote,
)

__all__ = [
    "ENTRY_MODELS",
    "AccessGrant",
    "AccessPurpose",
    "AuditAction",
    "AuditEntry",
    "CaseFile",
    "CaseGoal",
    "CaseNote",
    "CourseEntry",
    "CourseKind",
    "CourseStatus",
    "DocumentKind",
    "DocumentStatus",
    "EntryMixin",
    "ErasureRecord",
    "GeneratedDocument",
    "GoalStatus",
    "GoalStatusEntry",
    "LanguageTestResult",
    "LifecycleStatus",
    "Measure",
    "MeasureStatus",
    "MeasureStatusEntry",
    "Qualification",
    "QualificationKind",
    "RecognitionEntry",
    "RecognitionStatus",
    "ResidenceObligationEntry",
    "StatusEntry",
    "WorkPermissionEntry",
]
