"""--executor: files checked on a Dask cluster give the report -j 1 gives; URLs are read with fsspec."""

from __future__ import annotations

import json

import pytest

import checker
from checker.run.executors import ExecutorError, is_url, parse_executor
from tests.conftest import CORPUS, SAMPLES, run

NOTICE = SAMPLES / "notice-defects.txt"


def test_executor_names_are_local_dask_and_dask_with_an_address():
    assert parse_executor(None) == ("local", None)
    assert parse_executor("local") == ("local", None)
    assert parse_executor("dask") == ("dask", None)
    assert parse_executor("dask=tcp://10.0.0.5:8786") == ("dask", "tcp://10.0.0.5:8786")


@pytest.mark.parametrize("value", ["spark", "dask=", "local=tcp://x:1"])
def test_an_unknown_executor_is_refused(value):
    with pytest.raises(ExecutorError):
        parse_executor(value)


def test_the_command_refuses_an_unknown_executor_with_exit_2():
    result = run("check", "--executor", "spark", str(NOTICE))
    assert result.exit_code == 2
    assert "不认识的执行方式 'spark'" in result.stderr


def test_urls_are_told_from_paths():
    assert is_url("s3://bucket/a.docx") and is_url("file:///tmp/a.txt")
    assert not is_url("/tmp/a.txt") and not is_url("C://a.txt") and not is_url("报告.txt")


def test_a_file_url_is_read_with_fsspec_and_checked_like_the_file():
    by_path = checker.check_paths([NOTICE]).files[0]
    by_url = checker.check_paths([NOTICE.as_uri()]).files[0]
    assert by_url.path == NOTICE.as_uri()
    assert [(f.code, f.line, f.column) for f in by_url.findings] == [
        (f.code, f.line, f.column) for f in by_path.findings
    ]


def test_a_folder_url_is_walked_for_the_files_doccheck_reads():
    paths = [file.path for file in checker.check_paths([SAMPLES.as_uri() + "/"]).files]
    assert NOTICE.as_uri() in paths
    assert all(path.startswith("file://") for path in paths)


def test_a_url_whose_driver_is_not_installed_says_which_to_install():
    pytest.importorskip("fsspec")
    try:
        import s3fs  # noqa: F401

        pytest.skip("s3fs is installed here")
    except ImportError:
        pass
    (file,) = checker.check_paths(["s3://no-such-bucket/报告.txt"]).files
    assert file.error is not None and file.error.startswith("读取 s3:// 需要安装它的 fsspec 驱动")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not here")
def test_a_two_worker_dask_cluster_gives_the_report_of_one_process_on_the_corpus():
    pytest.importorskip("distributed")
    settings = checker.Settings(repository=True)  # the cross-document step too, as the reduction
    one = checker.check_paths([CORPUS], settings=settings, jobs=1)
    on_dask = checker.check_paths([CORPUS], settings=settings, jobs=2, executor="dask")
    as_json = checker.Report.model_dump_json
    assert len(on_dask.files) == len(one.files) > 100
    assert json.loads(as_json(on_dask)) == json.loads(as_json(one))


def test_dask_reports_stream_back_one_file_at_a_time(tmp_path):
    pytest.importorskip("distributed")
    for number in range(3):
        (tmp_path / f"{number}.txt").write_text(NOTICE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("check", "--format", "jsonl", "--no-cache", "--executor", "dask", "-j", "1", str(tmp_path))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(line["path"] for line in lines) == [str(tmp_path / f"{n}.txt") for n in range(3)]
    assert result.exit_code == 1


def test_files_go_to_the_cluster_in_batches_largest_first_each_file_once(tmp_path):
    from checker.run.executors import BATCH_FILES, batches

    paths = []
    for number in range(100):
        path = tmp_path / f"{number}.txt"
        path.write_bytes(b"x" * (1000 + number))
        paths.append(str(path))
    made = list(batches(paths, workers=2))
    assert sorted(index for batch in made for index in batch) == list(range(100))
    assert made[0][0] == 99  # the largest first
    assert all(len(batch) <= BATCH_FILES for batch in made)
    assert len(made) >= 16  # at least 8 a worker: none is left with a long one at the end


def test_the_local_cluster_workers_do_not_profile_or_steal():
    pytest.importorskip("distributed")
    from distributed import Client

    from checker.run.executors import local_cluster

    def settings_on_worker() -> tuple[bool, bool]:
        import dask

        return (
            dask.config.get("distributed.worker.profile.enabled"),
            dask.config.get("distributed.scheduler.work-stealing"),
        )

    with local_cluster(1) as cluster, Client(cluster) as client:
        assert list(client.run(settings_on_worker).values()) == [(False, False)]
        assert "stealing" not in client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.extensions))
