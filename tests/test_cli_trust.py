"""Issue 11: the command line never creates a database implicitly, a dry run writes nothing,
--db means the same before and after the subcommand, output files fail in one line, a database
open in a window is not written behind its back, a cut pipe ends quietly."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from app.cli import main


def english_csv(path):
    path.write_text('Indikator,Enhet,År,Utfall\nA,U1,2025,"1,234.5"\nB,U1,2025,"14,100"\nC,U1,2025,6.5\n',
                    encoding="utf-8")
    return path


def test_a_mistyped_db_is_refused_even_in_a_dry_run(tmp_path, capsys):
    source = english_csv(tmp_path / "e.csv")
    typo = tmp_path / "styrkrot.sqlite"
    assert main(["import", str(source), "--db", str(typo), "--dry-run"]) == 2
    assert main(["import", str(source), "--db", str(typo), "--create-missing"]) == 2
    err = capsys.readouterr().err
    assert "finns inte" in err and "styrkort new --db" in err and "Traceback" not in err
    assert sorted(os.listdir(tmp_path)) == ["e.csv"]


def test_new_creates_an_empty_database_and_a_dry_run_leaves_no_file_behind(tmp_path, capsys):
    source = english_csv(tmp_path / "e.csv")
    db = tmp_path / "ny.sqlite"
    assert main(["new", "--db", str(db)]) == 0
    assert main(["new", "--db", str(db)]) == 2  # never over an existing file
    before = sorted(os.listdir(tmp_path))
    assert main(["--db", str(db), "import", str(source), "--dry-run", "--create-missing"]) == 0
    out = capsys.readouterr().out
    assert "Provkörning (inget skrevs): 3 rader lästa: 3 nya" in out
    assert "Nya indikatorer (3): A, B, C" in out and "Nya enheter (1): U1" in out
    assert sorted(os.listdir(tmp_path)) == before  # no backup, no lock, no -wal/-shm


def test_db_before_or_after_the_subcommand_means_the_same(demo_path, tmp_path, capsys):
    other = tmp_path / "tom.sqlite"
    assert main(["new", "--db", str(other)]) == 0
    capsys.readouterr()
    assert main(["--db", str(demo_path), "goal-find", "vård"]) == 0
    before = capsys.readouterr().out
    assert main(["goal-find", "vård", "--db", str(demo_path)]) == 0
    assert capsys.readouterr().out == before and before
    assert main(["--db", str(other), "goal-find", "vård"]) == 1  # the empty one: nothing found


def test_template_takes_db_and_argparse_speaks_swedish(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["import"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "användning:" in err and "följande argument krävs: FIL" in err
    assert main(["template", str(tmp_path / "mall.xlsx"), "--db", str(tmp_path / "x.sqlite")]) == 0


@pytest.mark.parametrize("target", ["saknas/mapp/ut.xlsx", "/proc/ut.xlsx", "ut.csv"])
def test_output_files_that_cannot_be_written_are_one_line(demo_path, tmp_path, capsys, target):
    path = target if target.startswith("/") else str(tmp_path / target)
    assert main(["export", path, "--db", str(demo_path)]) == 2
    assert main(["template", path]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 2
    assert not os.path.exists(str(tmp_path / "ut.csv"))


def test_a_database_open_in_a_window_is_not_written_behind_its_back(demo_path, tmp_path, capsys):
    source = tmp_path / "u.csv"
    source.write_text("Indikator;Enhet;Period;Utfall\nUB01;GR01;2026;12\n", encoding="utf-8")
    lock = demo_path.with_name(demo_path.name + ".lock")
    lock.write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "user": "anna",
                                "since": "2026-11-29 08:00:00"}), encoding="utf-8")
    assert main(["import", str(source), "--db", str(demo_path)]) == 2
    err = capsys.readouterr().err
    assert "är öppen i Styrkort hos anna" in err and "--force" in err
    assert main(["import", str(source), "--db", str(demo_path), "--dry-run"]) == 0  # reading is fine
    assert main(["import", str(source), "--db", str(demo_path), "--force"]) == 0


def test_a_cut_pipe_ends_quietly(demo_path):
    command = [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))",
               "directives", "--db", str(demo_path)]
    # The reader is gone before the command prints its first line (as `| head -0` would).
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        child.stdout.close()
        err = child.stderr.read().decode()
        code = child.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipe" not in err and code == 0


def test_map_lets_a_file_the_recogniser_cannot_map_be_imported(empty_store, tmp_path, capsys):
    empty_store.close()
    source = tmp_path / "u.csv"
    source.write_text("Indicator,Unit,Year,Value\nA,Percentage,2025,5\n", encoding="utf-8")
    db = str(empty_store.path)
    assert main(["import", str(source), "--db", db, "--create-missing", "--dry-run"]) == 2
    assert "'Unit' kan vara måttenhet eller organisatorisk enhet" in capsys.readouterr().err
    assert main(["import", str(source), "--db", db, "--create-missing", "--map", "Unit=unit"]) == 0
    assert main(["import", str(source), "--db", db, "--map", "Unit=nonsense"]) == 2
