"""`jsw demo` makes its own database from synthetic data and shows computed results, without
touching the database DATABASE_URL names."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys


def test_the_demo_imports_computes_and_shows_results_in_its_own_database(tmp_path):
    own = tmp_path / "own.sqlite3"
    env = {**os.environ, "SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{own}"}
    command = [sys.executable, "-c", "from jsw.cli import run; run()"]
    done = subprocess.run(
        [*command, "demo", "--dir", "demo", "--scale", "0.05"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "imported, none rejected" in out
    assert "Computed every PI" in out
    table = [line for line in out.splitlines() if line.startswith("cpos-imposed ")]
    assert len(table) == 1 and table[0].split()[1].endswith("-Q4")
    assert "export DATABASE_URL=sqlite:///" in out
    database = tmp_path / "demo" / "jsw.sqlite3"
    with sqlite3.connect(database) as conn:
        (orders,) = conn.execute("select count(*) from records_order").fetchone()
        (results,) = conn.execute("select count(*) from indicators_result").fetchone()
    assert orders > 0 and results > 0
    assert not own.exists()
