"""Batches: every job processed off the caller's thread, progress reported, cancel honoured."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from images import samples
from roundup_editor.images.batch import ImageBatch, ImageJob, JobResult
from roundup_editor.images.pipeline import ImageOptions
from roundup_editor.images.store import ImageStore


def make_jobs(folder: Path, count: int) -> list[ImageJob]:
    folder.mkdir(parents=True, exist_ok=True)
    jobs = []
    for index in range(count):
        path = folder / f"IMG_{index:04d}.JPG"
        path.write_bytes(samples.to_bytes(samples.photo(900, 600, seed=index), "JPEG"))
        jobs.append(ImageJob(path, f"Session {index + 1}: Backups"))
    return jobs


def test_batch_processes_and_stores_everything(tmp_path: Path) -> None:
    jobs = make_jobs(tmp_path / "drop", 6)
    jobs.append(ImageJob(samples.write(tmp_path / "drop" / "deck.pdf", samples.pdf_deck()), "Deck"))
    jobs.append(ImageJob(samples.write(tmp_path / "drop" / "bad.jpg", b"\xff\xd8\xff"), "Bad"))
    seen: list[tuple[int, int, str | None]] = []
    threads: set[str] = set()

    def progress(done: int, total: int, result: JobResult) -> None:
        threads.add(threading.current_thread().name)
        seen.append((done, total, result.file))

    batch = ImageBatch(
        jobs,
        store=ImageStore(tmp_path / "post"),
        options=ImageOptions(width=300),
        progress=progress,
    )
    batch.start()
    results = batch.wait(60)
    assert batch.finished
    assert [done for done, _total, _file in seen] == list(range(1, 9))
    assert all(total == 8 for _done, total, _file in seen)
    assert threading.current_thread().name not in threads
    assert [result.index for result in results] == list(range(8))
    assert [result.ok for result in results] == [True] * 7 + [False]
    assert results[6].file == "deck.png"
    assert results[0].file == "session-1-backups.jpg"
    assert "bad.jpg" in (results[7].error or "")
    stored = sorted(path.name for path in (tmp_path / "post").iterdir())
    assert stored == sorted(result.file for result in results if result.file)


def test_batch_uses_all_workers_by_default(tmp_path: Path) -> None:
    batch = ImageBatch(make_jobs(tmp_path, 1))
    assert batch.workers >= 1
    assert batch.run()[0].ok


def test_cancel_drops_jobs_not_started(tmp_path: Path) -> None:
    jobs = make_jobs(tmp_path / "drop", 12)
    first_done = threading.Event()
    batch: ImageBatch

    def progress(done: int, total: int, result: JobResult) -> None:
        if done == 1:
            batch.cancel()
            first_done.set()

    batch = ImageBatch(jobs, store=ImageStore(tmp_path / "post"), progress=progress, workers=1)
    batch.start()
    assert first_done.wait(60)
    results = batch.wait(60)
    assert batch.cancelled and batch.finished
    assert 1 <= len(results) < 12
    stored = list((tmp_path / "post").iterdir())
    assert len(stored) == 1


def test_process_pool_gives_the_same_images(tmp_path: Path) -> None:
    jobs = make_jobs(tmp_path / "drop", 3)
    threaded = ImageBatch(jobs, options=ImageOptions(width=200)).run()
    pooled = ImageBatch(jobs, options=ImageOptions(width=200), processes=True, workers=2).run()
    assert [result.image.data for result in threaded if result.image] == [
        result.image.data for result in pooled if result.image
    ]


def test_start_twice_is_an_error(tmp_path: Path) -> None:
    batch = ImageBatch([])
    batch.start()
    assert batch.wait(10) == []
    with pytest.raises(RuntimeError):
        batch.start()


def test_pool_failure_becomes_an_error_per_job(tmp_path: Path) -> None:
    from concurrent.futures import Executor

    class Broken(Executor):
        def submit(self, *args: object, **kwargs: object) -> object:  # type: ignore[override]
            raise OSError("cannot start a worker process")

    batch = ImageBatch(make_jobs(tmp_path, 2))
    batch._executor = Broken  # type: ignore[method-assign]
    results = batch.run()
    assert batch.finished
    assert [result.error for result in results] == [
        "the image workers failed: cannot start a worker process"
    ] * 2


def test_thread_pool_variant(tmp_path: Path) -> None:
    results = ImageBatch(make_jobs(tmp_path, 2), processes=False, workers=2).run()
    assert all(result.ok and result.image for result in results)
