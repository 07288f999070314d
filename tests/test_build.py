"""The generator: course file -> Markdown -> MkDocs --strict -> site, with the runtime vendored."""

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from playbook import embed
from playbook.course import load_course
from playbook.wheel import build_wheel
from playbook.yamlfile import SourceError

ROOT = Path(__file__).resolve().parent.parent


def test_default_course_builds_with_both_languages(built_site):
    """The default course builds; zh at the root, en under /en/, each with the MAN calculator."""
    site = built_site.site
    for page in ("qualification/index.html", "en/qualification/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert 'data-calculator="qualification"' in html and 'data-state="loading"' in html
        assert 'data-role="result"' in html and 'data-field="verdict"' in html


def test_prerendered_answer_is_the_rules_answer(built_site):
    """The page carries the example's answer computed by the same rules at build time."""
    import calculators

    html = (built_site.site / "en/qualification/index.html").read_text(encoding="utf-8")
    expected = calculators.run("qualification", {**calculators.catalog()["qualification"]["example"], "lang": "en"})["result"]
    assert f'data-value="{expected["verdict"]}"' in html
    assert f"<code>{expected['cell']}</code>" in html
    assert expected["action"].replace("'", "&#x27;") in html


def test_pages_without_calculators_load_no_pyodide(built_site):
    """Only calculator pages load the calculator script; no page names an off-site URL for scripts or styles."""
    index = (built_site.site / "index.html").read_text(encoding="utf-8")
    assert "calc/main.js" not in index and "pyodide" not in index
    for page in built_site.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "cdn.jsdelivr" not in text, page


def test_lock_file_lists_the_wheel_with_its_sha256(built_site):
    """The vendored lock names the wheel by path and sha256, and the wheel holds only calculators/."""
    site = built_site.site
    locks = list((site / "pyodide").glob("playbook-lock.*.json"))
    assert len(locks) == 1
    lock = json.loads(locks[0].read_text(encoding="utf-8"))
    entry = lock["packages"]["calculators"]
    wheel = site / "pyodide" / entry["file_name"]
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"]
    upstream = json.loads((ROOT / "node_modules/pyodide/pyodide-lock.json").read_text(encoding="utf-8"))
    assert lock["info"] == upstream["info"]
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
    assert all(n.startswith(("calculators/", "calculators-")) for n in names)
    assert "calculators/__init__.py" in names and not any("playbook/" in n for n in names)
    html = (site / "qualification/index.html").read_text(encoding="utf-8")
    assert locks[0].name in html


def test_wheel_is_reproducible():
    """Two builds of the wheel from the same sources are byte-identical."""
    assert build_wheel().sha256 == build_wheel().sha256


def test_rules_package_imports_no_framework():
    """calculators/ imports only the standard library (never mkdocs, jinja2, yaml or js)."""
    import ast

    allowed_roots = set(sys.stdlib_module_names) | {"calculators"}
    for path in (ROOT / "calculators").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                roots = [node.module.split(".")[0]]
            else:
                continue
            assert set(roots) <= allowed_roots, f"{path}: imports {roots}"


def test_find_blocks_reports_unknown_names_and_bad_presets():
    """Calculator blocks are found with their line; unknown names and non-JSON presets are problems."""
    md = "# T\n\n```calculator qualification\n{\"money\": \"no\"}\n```\n\ntext\n\n```calculator nope\n```\n\n```calculator qualification\n{bad\n```\n"
    blocks, problems = embed.find_blocks(md)
    assert [(b.name, b.line, dict(b.preset)) for b in blocks] == [("qualification", 3, {"money": "no"})]
    assert [p.line for p in problems] == [9, 12]
    assert "unknown calculator 'nope'" in problems[0].what


def test_strict_build_fails_on_unknown_calculator(tmp_path):
    """mkdocs build --strict fails on an unknown calculator name, naming the page and line."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Hi\n\n```calculator qualifcation\n```\n", encoding="utf-8")
    (tmp_path / "ctx.json").write_text(json.dumps({"course": "t", "default_lang": "zh", "policy": {},
                                                   "runtime": {"pyodide": "pyodide/", "lock": "x.json", "package": "calculators"}}))
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - playbook:\n      context: ctx.json\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml"),
                           "-d", str(tmp_path / "site")], capture_output=True, text=True)
    assert proc.returncode != 0
    assert "index.md:3: unknown calculator 'qualifcation'" in proc.stderr


@pytest.mark.parametrize("text,line,fragment", [
    ("title: {zh: a, en: b}\nmodules: [qualification]\ncolour: red\n", 3, "colour: unknown key 'colour'"),
    ("title: {zh: a, en: b}\n", 1, "modules: 'Modules' is missing: a list of module names"),
    ("title: {zh: a}\nmodules: [qualification]\n", 1, "title.en: 'Course title' has no en text"),
    ("title: {zh: a, en: b}\nmodules: [qualification]\nlanguages: [zh, fr]\n", 3, "languages[2]: 'Language' must be one of: zh / en"),
    ("title: {zh: a, en: b}\nmodules: [qualification]\nbranding:\n  primary: rainbow\n", 4, "branding.primary: 'Primary colour' should be one of red"),
    ("title: {zh: a, en: b}\nmodules: [qualification\n", 3, "not valid YAML"),
])
def test_course_file_problems_name_file_line_and_expectation(tmp_path, text, line, fragment):
    """Course-file mistakes name the file, the line and what was expected."""
    f = tmp_path / "c.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as err:
        load_course(f)
    assert err.value.line == line and fragment in err.value.what, str(err.value)


def test_template_with_undefined_variable_fails_with_file_and_line(tmp_path, policy):
    """StrictUndefined: a template naming an undefined variable fails with its file and line."""
    from playbook.render import Renderer

    mods = tmp_path / "modules"
    (mods / "demo").mkdir(parents=True)
    (mods / "demo" / "module.yaml").write_text("title: {zh: 演示, en: Demo}\nsummary: {zh: 演示, en: Demo}\n", encoding="utf-8")
    (mods / "demo" / "zh.md").write_text("# 演示\n\n第二行\n{{ polcy.x }}\n", encoding="utf-8")
    (mods / "demo" / "en.md").write_text("# Demo\n", encoding="utf-8")
    course = tmp_path / "c.yaml"
    course.write_text("title: {zh: a, en: b}\nmodules: [demo]\n", encoding="utf-8")
    renderer = Renderer(load_course(course, modules_dir=mods), policy, modules_dir=mods)
    with pytest.raises(SourceError) as err:
        renderer.pages()
    assert err.value.path.name == "zh.md" and err.value.line == 4 and "polcy" in err.value.what


def test_failed_build_keeps_the_previous_site(tmp_path):
    """A build that fails leaves the existing site folder untouched."""
    from playbook.build import build
    from playbook.outdir import mark

    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.txt").write_text("old", encoding="utf-8")
    mark(out, "an earlier build")
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: {zh: a, en: b}\nmodules: [qualification]\npolicy: {nosuchsection: {x: 1}}\n", encoding="utf-8")
    with pytest.raises(SourceError):
        build(bad, out)
    assert (out / "keep.txt").read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".playbook-")] == []


def test_every_page_declares_a_same_origin_csp(built_site):
    """Every HTML page carries the CSP meta, naming no host other than the site's own."""
    import re

    for page in built_site.site.rglob("*.html"):
        if "pyodide" in page.parts:
            continue
        html = page.read_text(encoding="utf-8")
        m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert m, page
        assert "http" not in m.group(1) and "*" not in m.group(1), page


def test_built_folder_starts_with_its_own_launcher(built_site, tmp_path):
    """The site folder holds serve.py, which serves it on 127.0.0.1 with no project installed."""
    import shutil
    import socket
    import time
    import urllib.error
    import urllib.request

    site = tmp_path / "copy"
    shutil.copytree(built_site.site, site)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-I", str(site / "serve.py"), "--port", str(port), "--no-browser"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(50):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/pyodide/pyodide.asm.wasm") as r:
                    assert r.headers["Content-Type"] == "application/wasm"
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError(proc.stderr.read1().decode())
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/qualification/") as r:
            assert b'data-calculator="qualification"' in r.read()
        with pytest.raises(urllib.error.HTTPError) as err:  # an unknown address: the site's own 404 page
            urllib.request.urlopen(f"http://127.0.0.1:{port}/no/such/page")
        with err.value:
            assert err.value.code == 404 and "Page not found" in err.value.read().decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=5)
        proc.stdout.close()
        proc.stderr.close()


def test_build_all_builds_every_course_with_a_zip(tmp_path):
    """--all builds each course of playbook_src/courses/ into its folder, with a zip holding serve.py."""
    from playbook.build import build_all

    built = build_all(tmp_path)
    ids = {b.course.id for b in built}
    assert {"new-hire", "trade-show"} <= ids
    for b in built:
        assert (b.site / "index.html").is_file() and (b.site / "en" / "index.html").is_file()
        with zipfile.ZipFile(tmp_path / f"{b.course.id}.zip") as zf:
            names = zf.namelist()
        assert f"{b.course.id}/serve.py" in names and f"{b.course.id}/qualification/index.html" in names
    trade = next(b for b in built if b.course.id == "trade-show")
    assert not (trade.site / "account-research").exists(), "a course holds only its own modules"


def test_print_view_holds_every_chapter(built_site):
    """The print page holds every chapter of the course, and no live calculator."""
    html = (built_site.site / "print" / "index.html").read_text(encoding="utf-8")
    for module in built_site.course.modules:
        title = __import__("playbook.render", fromlist=["load_module"]).load_module(module).title["zh"]
        assert title in html, module
    assert "data-calculator=" not in html


def test_new_course_scaffold_is_a_valid_course(tmp_path):
    """new-course writes a commented file that passes the course checks; bad names are refused."""
    from playbook.scaffold import new_course

    path = new_course("demo", tmp_path)
    course = load_course(path)
    assert course.modules and "#" in path.read_text(encoding="utf-8")
    with pytest.raises(SourceError):
        new_course("demo", tmp_path)
    with pytest.raises(SourceError):
        new_course("Not OK", tmp_path)


def test_course_policy_reaches_the_rule_text_and_the_calculator(tmp_path):
    """The showroom course's 10-day window shows in its rule text and in its calculator's policy; new-hire keeps 7."""
    from playbook.build import build

    pages = {}
    for course in ("showroom", "new-hire"):
        site = build(ROOT / "playbook_src" / "courses" / f"{course}.yaml", tmp_path / course).site
        pages[course] = {lang: (site / prefix / "showroom-rules" / "index.html").read_text(encoding="utf-8")
                         for lang, prefix in (("zh", ""), ("en", "en"))}
    assert "每 10 天" in pages["showroom"]["zh"] and "every 10 days" in pages["showroom"]["en"]
    assert "每 7 天" in pages["new-hire"]["zh"] and "every 10 days" not in pages["new-hire"]["en"]
    assert '"follow_up_days": 10' in pages["showroom"]["zh"] and '"follow_up_days": 7' in pages["new-hire"]["zh"]


def test_served_with_precompressed_twins(built_site):
    """The server sends the .br twin to brotli clients, the .gz twin to gzip-only clients, the plain file to others."""
    import gzip
    import threading
    import urllib.request

    import brotli

    from playbook.serve import make_server

    httpd = make_server(built_site.site, port=0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        plain = (built_site.site / "pyodide" / "pyodide.asm.wasm").read_bytes()
        req = urllib.request.Request(base + "pyodide/pyodide.asm.wasm", headers={"Accept-Encoding": "gzip, deflate, br"})
        with urllib.request.urlopen(req) as r:
            assert r.headers["Content-Encoding"] == "br" and r.headers["Content-Type"] == "application/wasm"
            assert r.headers["Vary"] == "Accept-Encoding"
            body = r.read()
        assert len(body) < len(plain) / 2 and brotli.decompress(body) == plain
        req = urllib.request.Request(base + "pyodide/pyodide.asm.wasm", headers={"Accept-Encoding": "gzip, br;q=0"})
        with urllib.request.urlopen(req) as r:
            assert r.headers["Content-Encoding"] == "gzip" and r.headers["Content-Type"] == "application/wasm"
            body = r.read()
        assert len(body) < len(plain) / 2 and gzip.decompress(body) == plain
        with urllib.request.urlopen(base + "pyodide/pyodide.asm.wasm") as r:
            assert r.headers.get("Content-Encoding") is None and r.read() == plain
        req = urllib.request.Request(base + "qualification/", headers={"Accept-Encoding": "br"})
        with urllib.request.urlopen(req) as r:
            assert b"data-calculator" in brotli.decompress(r.read())
            assert r.headers.get("Cache-Control") is None
        snapshot = next((built_site.site / "pyodide").glob("snapshot-*.bin")).name
        req = urllib.request.Request(base + "pyodide/" + snapshot, headers={"Accept-Encoding": "br"})
        with urllib.request.urlopen(req) as r:  # named by its content: kept without revalidation
            assert r.headers["Content-Encoding"] == "br" and "immutable" in r.headers["Cache-Control"]
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_snapshot_is_keyed_packed_and_precached(built_site):
    """The memory snapshot is named by its key, holds the full image minus the pages a fresh instance holds, is precached, and pages start Python from the head."""
    import re

    from playbook.snapshot import MAGIC, fresh_memory, pack_pages, unpack_pages

    site = built_site.site
    html = (site / "qualification" / "index.html").read_text(encoding="utf-8")
    runtime = json.loads(html.split('data-role="config">', 1)[1].split("</script>", 1)[0])["runtime"]
    assert re.fullmatch(r"pyodide/snapshot-[0-9a-f]{20}\.bin", runtime["snapshot"])
    assert runtime["snapshot"].endswith(runtime["snapshotKey"] + ".bin")
    packed = (site / runtime["snapshot"]).read_bytes()
    assert packed.startswith(MAGIC) and len(packed) < runtime["snapshotSize"]
    fresh = fresh_memory((site / "pyodide" / "pyodide.asm.wasm").read_bytes())
    image = unpack_pages(packed, fresh)
    assert pack_pages(image, fresh) == packed
    assert len(packed) < len(pack_pages(image)) * 0.8  # the data segments' pages are left out too, not only zeros
    assert len(image) == runtime["snapshotSize"] and runtime["snapshotKey"].encode() in image
    assert str(ROOT).encode() not in image and str(site).encode() not in image  # nothing of the build machine
    sw = (site / "sw.js").read_text(encoding="utf-8")
    assert json.dumps(runtime["snapshot"]) in sw
    head = html.split("</head>", 1)[0]
    assert head.index('http-equiv="Content-Security-Policy"') < head.index("assets/playbook/boot.js")
    assert head.index('<meta charset="utf-8">') < 1024
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "boot.js" not in index


def test_404_page_links_nothing_off_the_origin_and_each_language_home(built_site):
    """404.html (whose manifest link was `//manifest.webmanifest`, a request to another host) links only the site's
    root; its language links lead to each language's home page, not to the last page built; it is in the default
    language; no page of the site names a protocol-relative URL."""
    import re

    html = (built_site.site / "404.html").read_text(encoding="utf-8")
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert re.findall(r'class="md-select__link"', html) and re.findall(r'<a href="([^"]+)" hreflang="[a-z]+"(?: lang="[a-z]+")? class="md-select__link"', html) == ["/", "/en/"]
    assert '<html lang="zh"' in html and "找不到这一页" in html and "Page not found" in html
    for page in built_site.site.rglob("*.html"):
        if "pyodide" not in page.parts:
            assert not re.search(r'(?:href|src)="//', page.read_text(encoding="utf-8")), page


def test_preset_with_a_key_written_twice_is_a_problem():
    """A preset `{"money": "no", "money": "yes"}` (silently "yes" before) is a build problem naming the key."""
    blocks, problems = embed.find_blocks('```calculator qualification\n{"money": "no", "money": "yes"}\n```\n')
    assert blocks == [] and [p.line for p in problems] == [1] and "'money' appears 2 times" in problems[0].what
