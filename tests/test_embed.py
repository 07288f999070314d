"""Embedding calculators in a page without a site engine (playbook/embed.py): what the MkDocs plugin only calls."""

import json

import pytest

from playbook import embed

CONTEXT = {"course": "t", "default_lang": "zh", "policy": {}, "runtime": {"pyodide": "pyodide/", "lock": "x.json", "package": "calculators"}}
PAGE = "# MAN\n\ntext\n\n```calculator qualification\n{\"money\": \"no\"}\n```\n\nmore\n\n```calculator qualification\n```\n"
HTML_PAGE = ('<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>x</title></head>'
             "<body>BODY</body></html>")


@pytest.mark.parametrize("src,lang", [("qualification.en.md", "en"), ("qualification.zh.md", "zh"), ("a/b.md", "zh"), ("x.fr.md", "zh")])
def test_lang_of_reads_the_language_suffix(src, lang):
    """``page.en.md`` is English; no (known) suffix is the course's default language."""
    assert embed.lang_of(src, "zh") == lang


@pytest.mark.parametrize("dest,root", [("index.html", ""), ("qualification/index.html", "../"), ("en/qualification/index.html", "../../")])
def test_root_of_a_built_page(dest, root):
    """The relative path from a built page back to the site root."""
    assert embed.root_of(dest) == root


def test_embed_page_swaps_blocks_for_calculators_and_adds_the_scripts():
    """Each block becomes a placeholder in the Markdown, then its calculator in the body; module and file:// scripts follow."""
    done = embed.embed_page(PAGE, "qualification.en.md", "en/qualification/index.html", CONTEXT)
    assert done.problems == [] and len(done.parts) == 2 and "```calculator" not in done.markdown
    assert done.markdown.count('<div data-pb-slot="') == 2
    body = done.content(f"<h1>MAN</h1>{done.markdown}")
    assert body.count('data-calculator="qualification"') == 2 and 'data-pb-slot' not in body
    assert 'lang="en"' in done.parts[0] and 'id="calc-1-qualification"' in done.parts[0] and 'id="calc-2-qualification"' in done.parts[1]
    assert body.endswith('<script type="module" src="../../assets/playbook/calc/main.js"></script>'
                         '<script defer src="../../assets/playbook/calc/file-note.js"></script>')
    config = json.loads(done.parts[0].split('data-role="config">', 1)[1].split("</script>", 1)[0])
    assert config["defaults"]["money"] == "no" and config["lang"] == "en" and config["root"] == "../../"


def test_page_starts_python_from_the_head_with_the_modules_preloaded():
    """The finished page loads boot.js right after the viewport meta and preloads every calculator module."""
    done = embed.embed_page(PAGE, "qualification.md", "qualification/index.html", CONTEXT)
    out = done.page(HTML_PAGE)
    head = out.split("</head>", 1)[0]
    assert head.index('name="viewport"') < head.index("assets/playbook/boot.js") < head.index('rel="modulepreload"')
    assert all(f'href="../assets/playbook/calc/{m}.js"' in head for m in embed.MODULES)
    runtime = json.loads(head.split('data-runtime="', 1)[1].split('"', 1)[0].replace("&quot;", '"'))
    assert runtime == CONTEXT["runtime"]


def test_a_page_without_calculators_is_left_alone_and_problems_are_listed():
    """No block: the page is unchanged, no script added; an unknown name or bad preset is a problem with its line."""
    plain = embed.embed_page("# Hi\n\ntext\n", "index.md", "index.html", CONTEXT)
    assert plain.markdown == "# Hi\n\ntext\n" and plain.content("<p>x</p>") == "<p>x</p>" and plain.page(HTML_PAGE) == HTML_PAGE
    bad = embed.embed_page("```calculator nope\n```\n\n```calculator qualification\n{bad\n```\n", "x.md", "x/index.html", CONTEXT)
    assert [p.line for p in bad.problems] == [1, 4] and bad.parts == []


def test_the_prerendered_answer_is_the_renderers():
    """The answer a page carries is calculators.answer_html of the preset's outcome: the HTML the worker sends later."""
    import calculators

    done = embed.embed_page(PAGE, "qualification.md", "qualification/index.html", CONTEXT)
    example = calculators.catalog()["qualification"]["example"]
    outcome = calculators.run("qualification", {**example, "money": "no", "lang": "zh"})
    assert calculators.answer_html("qualification", outcome, "zh") in done.parts[0]
