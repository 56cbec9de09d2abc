"""An extract uploaded in the browser: checked, unpacked safely into a private folder,
imported by the same importer as `jsw import` in a background thread, then deleted.

The request only saves the file and starts the job, so a large extract never times out; the
job's page shows its progress.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import zipfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import connections

from jsw.dashboard.models import UploadJob
from jsw.indicators import engine
from jsw.lib.actor import acting_as
from jsw.lib.errors import InputProblem
from jsw.records.importer import ImportFailed, ImportReport, run_import
from jsw.records.importer.tables import BY_NAME

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


def start(upload: UploadedFile, *, replace: bool, actor: str, background: bool = True) -> UploadJob:
    suffix = check(upload)
    folder = Path(tempfile.mkdtemp(prefix="jsw-upload-"))  # mode 700: personal data
    try:
        path = save(upload, suffix, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    job = UploadJob.objects.create(
        created_by=actor, file_name=PurePosixPath(upload.name or "").name[:255], replace=replace
    )
    if background:
        threading.Thread(target=_in_thread, args=(job.pk, path, folder), daemon=True).start()
    else:
        run(job.pk, path, folder)
    return job


def run(job_id: int, path: Path, folder: Path) -> None:
    """Import and recompute; the job row says how far it got. Runs in its own thread."""
    job = UploadJob.objects.get(pk=job_id)
    with acting_as(job.created_by):  # the thread does not inherit the request's actor
        _run(job, path, folder)


def _run(job: UploadJob, path: Path, folder: Path) -> None:
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
        if report.exit_code < 2:
            UploadJob.objects.filter(pk=job.pk).update(progress="computing the PIs")
            engine.recompute()
    except ImportFailed as exc:
        job.state, job.message = UploadJob.State.FAILED, f"Nothing was imported: {exc}"
    except Exception as exc:  # shown on the job's page rather than lost with the thread
        job.state = UploadJob.State.FAILED
        if job.batch_id is None:  # the import's transaction was rolled back
            job.message = f"The import stopped ({type(exc).__name__}); nothing of it was kept."
        else:
            job.message += (
                f" Computing the PIs then failed ({type(exc).__name__}): run `jsw compute`."
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        job.progress = ""
        job.save()


def _in_thread(job_id: int, path: Path, folder: Path) -> None:
    try:
        run(job_id, path, folder)
    finally:
        connections.close_all()  # this thread's own connections, not the requests'


def _summary(report: ImportReport) -> str:
    code = report.exit_code
    if code == 0:
        return "Every row was imported."
    if code == 1:
        return "Some rows or files were rejected: see the import's rejected rows."
    return "Nothing could be imported: see the import's messages."
