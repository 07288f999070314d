"""`playbook serve` and the bundled serve.py: the site's 404 page, nothing outside the folder, no traceback."""

import http.client
import os
import socket
import threading

import pytest

from playbook.serve import make_server, rebase_404

NOT_FOUND = ('<html><head><link rel="stylesheet" href="/assets/site.css"><script src="/assets/app.js"></script></head>'
             '<body><h1>Page not found</h1><a href="/">home</a><a href="//elsewhere.example/x">kept</a>'
             '<script id="__config" type="application/json">{"base": "/", "search": "/assets/search.js"}</script></body></html>')


@pytest.fixture()
def served(tmp_path, capfd):
    """A folder holding a course folder with a 404.html, served like `playbook serve --no-build`."""
    site = tmp_path / "served"
    course = site / "course"
    (course / "assets").mkdir(parents=True)
    (course / "index.html").write_text("<h1>home</h1>", encoding="utf-8")
    (course / "404.html").write_text(NOT_FOUND, encoding="utf-8")
    (course / "assets" / "site.css").write_text("body{}", encoding="utf-8")
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "passwd").write_text("root:x:0:0", encoding="utf-8")
    os.symlink(secret, course / "elsewhere")
    os.symlink(secret / "passwd", course / "pw")
    httpd = make_server(site, port=0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()
    assert "Traceback" not in capfd.readouterr().err


def get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest("GET", path, skip_accept_encoding=True)
    conn.endheaders()
    r = conn.getresponse()
    body = r.read().decode("utf-8", "replace")
    conn.close()
    return r.status, body


def test_unknown_address_gets_the_sites_404_page_moved_to_its_folder(served):
    """An unknown URL under a course gets that course's 404.html, status 404, its root links moved to /course/."""
    status, body = get(served, "/course/no/such/page")
    assert status == 404 and "Page not found" in body
    assert 'href="/course/assets/site.css"' in body and 'src="/course/assets/app.js"' in body and 'href="/course/"' in body
    assert '"base": "/course/"' in body and '"search": "/course/assets/search.js"' in body
    assert 'href="//elsewhere.example/x"' in body, "a protocol-relative link is not a root link"
    status, body = get(served, "/course/404.html")
    assert status == 200 and 'href="/course/assets/site.css"' in body


def test_links_out_of_the_folder_are_not_followed(served):
    """A symlink inside the served folder pointing out of it (followed before) answers 404."""
    for path in ("/course/elsewhere/passwd", "/course/pw", "/course/elsewhere/"):
        status, body = get(served, path)
        assert status == 404 and "root:x" not in body


@pytest.mark.parametrize("path", ["/%00/etc/passwd", "/course/%00", "/course/%ED%A0%80", "/course/a%00b.html"])
def test_malformed_addresses_get_400_without_a_traceback(served, path):
    """A NUL byte or a lone surrogate in the path (a traceback before): 400, and the server goes on."""
    assert get(served, path)[0] == 400
    assert get(served, "/course/")[0] == 200


def test_a_browser_hanging_up_is_not_an_error(served):
    """A client that closes the connection before reading the answer prints nothing."""
    for _ in range(5):
        with socket.create_connection(("127.0.0.1", served)) as s:
            s.sendall(b"GET /course/assets/site.css HTTP/1.1\r\nHost: x\r\n\r\n")
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    assert get(served, "/course/")[0] == 200


def test_rebase_leaves_a_root_site_and_an_already_moved_page_alone():
    """At the server's root nothing changes; a page moved once is not moved again."""
    assert rebase_404(NOT_FOUND, "/") == NOT_FOUND
    once = rebase_404(NOT_FOUND, "/course/")
    assert rebase_404(once, "/course/") == once
