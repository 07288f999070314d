"""The ``playbook`` command: build, serve, check, policy, new-course, calc.

Every failure a user can cause ends with a readable message and exit status
2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import calculators

from . import paths
from .build import DEFAULT_COURSE, BuildError, OutputRefused, build, build_all
from .lang import reader_lang
from .yamlfile import SourceError, SourceErrors, decode


def _calc(args: argparse.Namespace) -> int:
    if args.name not in calculators.REGISTRY:
        known = ", ".join(calculators.REGISTRY)
        print(f"playbook calc: no calculator named {args.name!r}; available: {known}", file=sys.stderr)
        return 2
    where = "standard input" if args.input in (None, "-") else args.input
    try:
        data = sys.stdin.buffer.read() if args.input in (None, "-") else Path(args.input).read_bytes()
        text = decode(data, where)
    except OSError as err:
        print(f"playbook calc: cannot read {args.input}: {err.strerror}", file=sys.stderr)
        return 2
    except SourceError as err:
        print(f"playbook calc: {err.path}: {err.what}", file=sys.stderr)
        return 2
    policy = None
    if calculators.REGISTRY[args.name].policy_section:
        from .policy import checked_course

        _, policy = checked_course(args.course or DEFAULT_COURSE)
    out = json.loads(calculators.run_json(args.name, text, json.dumps(policy)))
    print(json.dumps(out, ensure_ascii=False, indent=2))
    if not out["ok"]:
        for err in out["errors"]:
            where = f"{err['field']}: " if err["field"] else ""
            print(f"playbook calc {args.name}: {where}{err['message']}", file=sys.stderr)
        return 2
    return 0


def _build(args: argparse.Namespace) -> int:
    if args.all:
        if args.course:
            print("playbook build: use either --course or --all", file=sys.stderr)
            return 2
        for built in build_all(args.out):
            print(f"built course '{built.course.id}' ({built.pages} pages) into {built.site} (+ {built.site.name}.zip)")
        return 0
    built = build(args.course, args.out)
    print(f"built course '{built.course.id}' ({built.pages} pages) into {built.site}")
    return 0


def _check(args: argparse.Namespace) -> int:
    import time

    from .check import check_course

    if args.all and args.course:
        print("playbook check: use either --course or --all", file=sys.stderr)
        return 2
    files = sorted(paths.COURSES.glob("*.yaml")) if args.all else [args.course or DEFAULT_COURSE]
    start, count = time.perf_counter(), 0
    for course_file in files:
        for problem in check_course(course_file):
            print(problem)
            count += 1
    took = time.perf_counter() - start
    what = f"{len(files)} course{'s' if len(files) != 1 else ''}"
    print(f"playbook check: {count or 'no'} problem{'s' if count != 1 else ''} in {what} ({took:.1f} s)", file=sys.stderr)
    return 1 if count else 0


def _policy(args: argparse.Namespace) -> int:
    import shutil

    from .policy import checked_course
    from .policy_table import MODULE, reference, text
    from .policy_uses import find_uses

    course, policy = checked_course(args.course or DEFAULT_COURSE)
    sections = reference(course, find_uses(course, policy, skip=(MODULE,)))
    print(text(sections, args.lang or reader_lang(), min(shutil.get_terminal_size((100, 24)).columns, 100)))
    return 0


def _new_course(args: argparse.Namespace) -> int:
    from .scaffold import new_course

    path = new_course(args.name)
    print(f"wrote {path}: edit it, then run: playbook build --course {path}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import make_server

    if not (args.no_watch or args.no_build):
        if args.out:
            print("playbook serve: the preview is built in a temporary folder; --out goes with --no-watch "
                  "(build into a folder and serve it) or --no-build", file=sys.stderr)
            return 2
        from .preview import preview

        course = args.course or DEFAULT_COURSE
        if not Path(course).is_file():
            print(f"playbook serve: no course file {course}", file=sys.stderr)
            return 2
        return preview(Path(course), port=args.port, verbose=args.verbose)
    site = Path(args.out or paths.ROOT / "site")
    if not args.no_build:
        built = build(args.course, site)
        print(f"built course '{built.course.id}' ({built.pages} pages)")
    try:
        server = make_server(site, port=args.port, verbose=args.verbose)
    except OSError as err:
        print(f"playbook serve: cannot listen on 127.0.0.1:{args.port} ({err.strerror}); try --port 8001", file=sys.stderr)
        return 2
    print(f"serving {site} at http://127.0.0.1:{args.port}/  (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _shown(path: Path) -> Path:
    """A path as a user types it: relative to the project when inside it."""
    return path.relative_to(paths.ROOT) if path.is_relative_to(paths.ROOT) else path


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="playbook", description="Build sales playbook courses with offline calculators.")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build a course into a static site")
    b.add_argument("--course", type=Path, help=f"course file (default: {_shown(DEFAULT_COURSE)})")
    b.add_argument("--all", action="store_true", help="build every course in playbook_src/courses/ into OUT/<course>/ with a zip each")
    b.add_argument("--out", type=Path, help="output folder (default: site/, or site/courses/ with --all)")
    b.set_defaults(func=_build)
    k = sub.add_parser("check", help="find a course's mistakes without building it: one line per problem, file:line")
    k.add_argument("--course", type=Path, help=f"course file (default: {_shown(DEFAULT_COURSE)})")
    k.add_argument("--all", action="store_true", help="every course in playbook_src/courses/")
    k.set_defaults(func=_check)
    o = sub.add_parser("policy", help="every policy value: what it changes, its default, this course's value, where it is used")
    o.add_argument("--course", type=Path, help=f"course file (default: {_shown(DEFAULT_COURSE)})")
    o.add_argument("--lang", choices=("zh", "en"), help="the language to print in (default: the reader's)")
    o.set_defaults(func=_policy)
    n = sub.add_parser("new-course", help="write a commented course file to start from")
    n.add_argument("name", help="file name for playbook_src/courses/NAME.yaml")
    n.set_defaults(func=_new_course)
    s = sub.add_parser("serve", help="preview a course at http://127.0.0.1:8000, rebuilt and reloaded as you save")
    s.add_argument("--course", type=Path, help=f"course file (default: {_shown(DEFAULT_COURSE)})")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--no-watch", action="store_true",
                   help="build the course into --out like 'playbook build' and serve that, without watching")
    s.add_argument("--out", type=Path, help="with --no-watch or --no-build: the site folder (default: site/)")
    s.add_argument("--no-build", action="store_true", help="serve the site folder as it is")
    s.add_argument("--verbose", action="store_true", help="log every request")
    s.set_defaults(func=_serve)
    c = sub.add_parser("calc", help="run a calculator on JSON input; prints the same JSON as calculators.run")
    c.add_argument("name", help=f"one of: {', '.join(calculators.REGISTRY)}")
    c.add_argument("--input", help="JSON file, or - for standard input (default)")
    c.add_argument("--course", type=Path, help="course whose policy applies (default: the default course)")
    c.set_defaults(func=_calc)
    return p


def main(argv: list[str] | None = None) -> int:
    # Lone surrogates in a payload are written as JSON escapes, never a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = parser().parse_args(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()
        return code
    except SourceErrors as err:
        lines = [str(p) for p in err.problems]
        files = len({str(p.path) for p in err.problems})
        head = (f"{files} 个源文件里有 {len(lines)} 处问题：" if reader_lang() == "zh"
                else f"{len(lines)} problems in {files} source file{'s' if files != 1 else ''}:")
        print(f"playbook: {head}", file=sys.stderr)
        for line in lines:
            print(f"  {line}", file=sys.stderr)
    except SourceError as err:
        print(f"playbook: {err}", file=sys.stderr)
    except OutputRefused as err:
        print(f"playbook {args.command}: {err}", file=sys.stderr)
    except BuildError as err:
        lines = err.problems
        head = (f"站点构建失败（{len(lines)} 处问题）：" if reader_lang() == "zh"
                else f"the site build failed ({len(lines)} problem{'s' if len(lines) != 1 else ''}):")
        print(f"playbook: {head}", file=sys.stderr)
        for line in lines:
            print(f"  {line}", file=sys.stderr)
    except BrokenPipeError:  # the reader went away (| head): stop quietly, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as err:
        print(f"playbook {args.command}: {err.filename or ''}: {err.strerror or err}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return 2


if __name__ == "__main__":
    sys.exit(main())
