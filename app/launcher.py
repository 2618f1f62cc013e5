"""Start Styrkort: a subcommand runs on the command line (no Qt loaded); with none, the window opens.

The window's path is kept light: `styrkort`, `styrkort --db FILE`, `styrkort FILE` (a file
opened from the file manager) and `--read-only` go straight to the window without building the
command line's parser (which loads the whole domain)."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

# The shared libraries Qt's xcb platform plugin needs that a bare Debian/Ubuntu desktop may lack,
# with the package that provides each (the bundle carries them; a venv relies on the system).
XCB_LIBRARIES = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}


def missing_xcb_packages(qt_lib: Path | None = None) -> list[str]:
    """The Debian packages whose libraries cannot be loaded, so Qt's xcb plugin would fail with a
    message that names none of them. A library beside Qt's own (the bundle) counts as present."""
    import ctypes

    if qt_lib is None:
        import importlib.util

        spec = importlib.util.find_spec("PySide6")
        origin = spec.origin if spec is not None else None
        qt_lib = Path(origin).parent / "Qt" / "lib" if origin else Path()
    missing = []
    for soname, package in XCB_LIBRARIES.items():
        bundled = qt_lib / soname
        try:
            ctypes.CDLL(str(bundled) if bundled.exists() else soname)
        except OSError:
            missing.append(package)
    return missing


def _check_display_libraries() -> int | None:
    """On an X11 desktop, name the missing system packages in one line before Qt aborts."""
    if not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return None
    missing = missing_xcb_packages()
    if not missing:
        return None
    print("styrkort: fönstret kan inte visas, systempaket saknas; installera dem med: "
          f"sudo apt install {' '.join(missing)}", file=sys.stderr)
    return 1


def _gui_arguments(argv: list[str]) -> tuple[Path | None, bool] | None:
    """(database, read-only) when the arguments only ask for the window; None otherwise."""
    db: Path | None = None
    readonly = False
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--read-only":
            readonly = True
        elif arg == "--db" and rest and db is None:
            db = Path(rest.pop(0))
        elif arg.startswith("--db=") and db is None:
            db = Path(arg[5:])
        elif not arg.startswith("-") and db is None and Path(arg).suffix and Path(arg).is_file():
            db = Path(arg)  # opened from the file manager: `styrkort FILE`
        else:
            return None
    return db, readonly


def _import_domain_before_qt() -> None:
    """Import SQLAlchemy and the models before PySide6: once PySide6 is loaded, its import hook
    (shibokensupport's __feature__ check) reads the source of every module imported after it,
    which cost about a third of the start-up. These are what the first page needs."""
    import app.models.store  # noqa: F401
    import app.services.goals.editing  # noqa: F401
    import app.services.organisation.units  # noqa: F401
    import app.services.platform.backups  # noqa: F401
    import app.services.platform.settings  # noqa: F401
    import app.services.platform.trees  # noqa: F401


def _run_module(argv: list[str]) -> int:
    """`styrkort -m MODULE ARGS` in the bundle, where sys.executable is Styrkort itself: the
    import reader's child process (app.services.exchange.reading) is started this way."""
    import runpy

    sys.argv = [argv[1], *argv[2:]]
    runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
    return 0


def _print_version(db: Path | None) -> int:
    from app.services.platform.about import about

    print("\n".join(about(db).lines()))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if getattr(sys, "frozen", False) and len(argv) >= 2 and argv[0] == "-m" and argv[1].startswith("app."):
        return _run_module(argv)
    if argv[:1] == ["--version"] or argv[:3:2] == ["--db", "--version"]:
        return _print_version(Path(argv[1]) if argv[0] == "--db" else None)
    gui = _gui_arguments(argv)
    if gui is not None:
        refused = _check_display_libraries()
        if refused is not None:
            return refused
        # Start-up creates many objects that live as long as the program: no garbage collection
        # passes over them until the window has been painted (app.views.application.after_first_paint
        # freezes them and turns collection back on). About a fifth of the start-up here.
        gc.disable()
        _import_domain_before_qt()
        from app.views.application import run_gui

        db, readonly = gui
        return run_gui(db, readonly=readonly)
    from app import cli

    args = cli.build_parser().parse_args(argv)
    if args.command is None:
        from app.models.database_url import is_url
        from app.views.application import run_gui

        db = args.db if is_url(args.db) else Path(args.db) if args.db else None
        return run_gui(db, readonly=args.read_only)
    return cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
