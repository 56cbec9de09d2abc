"""An extract uploaded in the browser: checked, unpacked safely into a private folder,
imported by the same importer as `jsw import` in the worker (`jsw worker`), then deleted.

The request only saves the file and queues the job, so a large extract never times out; the
job's page shows its progress.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from jsw.dashboard.models import UploadJob
from jsw.indicators import engine
from jsw.lib.actor import acting_as
from jsw.lib.errors import InputProblem
from jsw.records.importer import ImportFailed, ImportReport, run_import
from jsw.records.importer.tables import BY_NAME

log = logging.getLogger(__name__)
SUFFIXES = (".zip", ".csv", ".xlsx")
# A zip may not unpack to more than this many times its own size, nor hold other files.
MAX_RATIO = 200


class UploadProblem(InputProblem, ValueError):
    """An upload that cannot be imported; the message says why."""


def max_bytes() -> int:
    return int(getattr(settings, "JSW_UPLOAD_MAX_MB", 200)) * 1024 * 1024


def check(upload: UploadedFile) -> str:
    """The upload's suffix, or UploadProblem for a wrong type or size."""
    name = PurePosixPath(upload.name or "").name
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadProblem("upload a .zip of CSV files, one .csv file or an .xlsx workbook")
    if upload.size is None or upload.size > max_bytes():
        raise UploadProblem(f"the file is larger than {max_bytes() // (1024 * 1024)} MB")
    if upload.size == 0:
        raise UploadProblem("the file is empty")
    return suffix


def save(upload: UploadedFile, suffix: str, folder: Path) -> Path:
    """Write the upload into the private folder; a zip is unpacked to its table files."""
    name = PurePosixPath(upload.name or "extract").name if suffix != ".zip" else "extract.zip"
    target = folder / name
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    if suffix != ".zip":
        return target
    extract = folder / "extract"
    extract.mkdir()
    _unzip(target, extract)
    target.unlink()
    return extract


def _unzip(archive: Path, into: Path) -> None:
    """Only `<table>.csv` members, by their base name: no paths, links or bombs."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = [m for m in zipped.infolist() if not m.is_dir()]
            wanted = {f"{name}.csv" for name in BY_NAME}
            tables = [m for m in members if PurePosixPath(m.filename).name.lower() in wanted]
            if not tables:
                raise UploadProblem(
                    "the zip holds no table file (people.csv, orders.csv, ... as records.md lists)"
                )
            names = [PurePosixPath(m.filename).name.lower() for m in tables]
            if len(set(names)) != len(names):
                raise UploadProblem("the zip holds two files for the same table")
            total = sum(m.file_size for m in tables)
            if total > max(archive.stat().st_size, 1) * MAX_RATIO or total > 20 * max_bytes():
                raise UploadProblem("the zip unpacks to far more than its size: refused")
            for member, name in zip(tables, names, strict=True):
                with zipped.open(member) as source, (into / name).open("wb") as out:
                    shutil.copyfileobj(source, out, 1024 * 1024)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError) as exc:
        raise UploadProblem(f"the zip cannot be read: {exc}") from None


def folder() -> Path:
    """Where uploads wait for the worker: JSW_UPLOAD_DIR, else beside a SQLite database, else
    in the system's temporary folder. The web server and the worker must both reach it."""
    configured = getattr(settings, "JSW_UPLOAD_DIR", None)
    if configured:
        root = Path(configured)
    else:
        database = settings.DATABASES["default"]
        name = Path(str(database["NAME"]))
        if database["ENGINE"].endswith("sqlite3") and name.is_absolute():
            root = name.parent / "jsw-uploads"
        else:
            root = Path(tempfile.gettempdir()) / "jsw-uploads"
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def start(upload: UploadedFile, *, replace: bool, actor: str) -> UploadJob:
    """Check and save the upload, then ask the worker to import it; returns at once."""
    from jsw.dashboard import jobs

    suffix = check(upload)
    private = Path(tempfile.mkdtemp(prefix="upload-", dir=folder()))  # mode 700: personal data
    try:
        path = save(upload, suffix, private)
    except BaseException:
        shutil.rmtree(private, ignore_errors=True)
        raise
    job = UploadJob.objects.create(
        created_by=actor,
        file_name=PurePosixPath(upload.name or "").name[:255],
        replace=replace,
        path=str(path),
    )
    task = jobs.import_upload.enqueue(job.pk)
    UploadJob.objects.filter(pk=job.pk).update(task_id=str(task.id))
    log.info("upload queued", extra={"upload": job.pk, "job": str(task.id)})
    job.refresh_from_db()
    return job


def run(job_id: int) -> None:
    """Import and recompute; the job row says how far it got. Runs in the worker."""
    job = UploadJob.objects.get(pk=job_id)
    with acting_as(job.created_by):  # the worker acts for the user who uploaded
        _run(job, Path(job.path))


def _private_folder(path: Path) -> Path:
    """The upload's own folder in the upload folder (a zip's extract is one level down)."""
    root = folder().resolve()
    path = path.resolve()
    while path.parent != root and path != path.parent:
        path = path.parent
    return path


def discard(job: UploadJob) -> None:
    """Delete the saved extract (personal data) once it is no longer needed."""
    if job.path:
        private = _private_folder(Path(job.path))
        if private.parent == folder().resolve():
            shutil.rmtree(private, ignore_errors=True)


def _run(job: UploadJob, path: Path) -> None:
    def progress(table: str, done: int, total: int | None) -> None:
        of = f" of {total:,}" if total else ""
        UploadJob.objects.filter(pk=job.pk).update(progress=f"{table}: {done:,}{of} rows")

    try:
        job.state = UploadJob.State.RUNNING
        job.save(update_fields=["state"])
        report = run_import(path, replace=job.replace, progress=progress)
        job.batch_id = report.batch_id
        job.message = _summary(report)
        job.state = UploadJob.State.DONE if report.exit_code < 2 else UploadJob.State.FAILED
        # Recorded at once: a worker killed while computing must know the import is kept.
        job.save(update_fields=["batch_id", "message", "state"])
        if report.exit_code < 2:
            UploadJob.objects.filter(pk=job.pk).update(progress="computing the PIs")
            engine.recompute()
    except ImportFailed as exc:
        job.state, job.message = UploadJob.State.FAILED, f"Nothing was imported: {exc}"
    except Exception as exc:  # shown on the job's page, logged with its traceback
        log.exception("upload failed", extra={"upload": job.pk})
        job.state = UploadJob.State.FAILED
        if job.batch_id is None:  # the import's transaction was rolled back
            job.message = f"The import stopped ({type(exc).__name__}); nothing of it was kept."
        else:
            job.message += (
                f" Computing the PIs then failed ({type(exc).__name__}): run `jsw compute`."
            )
    finally:
        discard(job)
        job.progress = ""
        job.path = ""
        job.save()


def lost(job_id: int) -> None:
    """The worker running this upload died: the import's transaction was rolled back (nothing
    kept) or had committed (all kept); say which, and recompute if it was kept."""
    from jsw.dashboard import jobs

    job = UploadJob.objects.filter(pk=job_id).first()
    if job is None or not job.path:  # it had finished: its folder is already gone
        return
    discard(job)
    job.path, job.progress = "", ""
    if job.batch_id is not None:
        job.message += " The worker stopped while computing the PIs; they are being computed again."
        job.save()
        jobs.request_recompute()
        return
    job.state = UploadJob.State.FAILED
    job.message = (
        "The import stopped: the worker running it was stopped (killed, restarted or out of "
        "memory). Nothing of this upload was kept; upload the file again."
    )
    job.save()


def _summary(report: ImportReport) -> str:
    code = report.exit_code
    if code == 0:
        return "Every row was imported."
    if code == 1:
        return "Some rows or files were rejected: see the import's rejected rows."
    return "Nothing could be imported: see the import's messages."
