#!/usr/bin/env python3
"""Readers and editors through the edge (run by bench/edge.sh, which starts the site and Varnish).

Three measurements, through the cache at EDGE (the site itself at ORIGIN):
  1. hit ratio per kind of reader: each kind is a cookie jar that honours cookies' Path as a
     browser does (a cookie-less reader; one who voted without JavaScript; one who opened the
     standings; an editor who signed in and out), fetching pages picked at random from a set the
     crawler has already fetched once; X-Cache: HIT/MISS from the shipped VCL;
  2. origin requests per 1,000 page views over a crawler-like run spread over every public URL
     (from varnishstat, read by edge.sh: MAIN.client_req against MAIN.backend_req);
  3. seconds from save to visible: an editor changes a review's pull quote through the admin
     form, then the review is fetched through the edge every 50 ms until the new text shows.
Standard library only.
"""
import html.parser
import http.cookiejar
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

EDGE = os.environ.get("EDGE", "http://127.0.0.1:6081")
ORIGIN = os.environ.get("ORIGIN", "http://127.0.0.1:8095")
USER = os.environ.get("ADMIN_USER", "admin")
PASSWORD = os.environ.get("ADMIN_PASSWORD", "")
NEW_PASSWORD = os.environ.get("ADMIN_NEW_PASSWORD", "edge-bench-password-2026")
URLS = os.environ["URLS"]
READER_VIEWS = int(os.environ.get("READER_VIEWS", "2000"))
EDITS = int(os.environ.get("EDITS", "20"))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def client(jar=None):
    jar = jar if jar is not None else http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    return opener, jar


def fetch(opener, url, data=None, headers=None, timeout=120):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as answer:
            return answer.status, dict(answer.headers), answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


class Form(html.parser.HTMLParser):
    """The fields of the first form whose action matches, as a browser would submit them."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.fields = action, False, []
        self.textarea = self.select = None
        self.enctype = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and re.search(self.action, a.get("action", "")) and not self.fields:
            self.inside, self.enctype = True, a.get("enctype", "")
        elif not self.inside:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("file", "submit", "button", "image"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append([a["name"], a.get("value", "")])
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]
            self.fields.append(self.textarea)
        elif tag == "select" and a.get("name"):
            self.select = [a["name"], None]
        elif tag == "option" and self.select is not None:
            if self.select[1] is None or "selected" in a:
                self.select[1] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select is not None:
            self.fields.append(self.select)
            self.select = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data


def form_of(page, action):
    form = Form(action)
    form.feed(page)
    return form


def multipart(fields):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
    parts.append(f"--{boundary}--\r\n")
    return "".join(parts).encode("utf-8"), f"multipart/form-data; boundary={boundary}"


def submit(opener, url, fields, enctype):
    if "multipart" in enctype:
        body, kind = multipart(fields)
    else:
        body, kind = urllib.parse.urlencode([(k, v or "") for k, v in fields]).encode(), "application/x-www-form-urlencoded"
    return fetch(opener, url, body, {"Content-Type": kind, "Origin": ORIGIN})


def sign_in(base):
    opener, jar = client()
    status, _, page = fetch(opener, base + "/login")
    form = form_of(page, "login")
    fields = [f for f in form.fields if f[0] not in ("username", "password")]
    fields += [["username", USER], ["password", PASSWORD]]
    status, headers, _ = submit(opener, base + "/login", fields, "")
    location = headers.get("Location", "")
    if status != 302 and status != 303 or "error" in location:
        # Perhaps the password was changed by an earlier run.
        fields[-1] = ["password", NEW_PASSWORD]
        opener, jar = client()
        _, _, page = fetch(opener, base + "/login")
        fields = [f for f in form_of(page, "login").fields if f[0] not in ("username", "password")]
        fields += [["username", USER], ["password", NEW_PASSWORD]]
        status, headers, _ = submit(opener, base + "/login", fields, "")
        location = headers.get("Location", "")
    _, headers, _ = fetch(opener, base + "/admin")
    if "password" in headers.get("Location", ""):  # a generated first password must be changed first
        _, _, page = fetch(opener, base + "/admin/account/password")
        fields = [f for f in form_of(page, "password").fields if "Password" not in f[0]]
        fields += [["currentPassword", PASSWORD], ["newPassword", NEW_PASSWORD], ["repeatPassword", NEW_PASSWORD]]
        status, headers, _ = submit(opener, base + "/admin/account/password", fields, "")
        print(f"(first password changed: {status})", file=sys.stderr)
    return opener, jar


def hit_ratio(opener, urls, label):
    hits = 0
    for path in urls:
        status, headers, _ = fetch(opener, EDGE + path, headers={"Accept-Encoding": "gzip"})
        hits += headers.get("X-Cache") == "HIT"
    ratio = hits / len(urls)
    print(f"| {label} | {len(urls)} | {hits} | {ratio:.3f} |")
    return ratio


def readers(urls):
    random.seed(20261206)
    crawler, _ = client()
    seen = random.sample(urls, min(len(urls), READER_VIEWS))
    for path in seen:  # the crawler fetches each page once: now it is at the edge
        fetch(crawler, EDGE + path)
    print("| reader | page views | edge hits | hit ratio |\n|---|---|---|---|")
    hit_ratio(client()[0], random.choices(seen, k=READER_VIEWS), "no cookie")
    # Voted without JavaScript: the form posts, the site sets the voter cookie (Path=/polls/) and
    # counts the vote on the second hop, then shows the standings.
    voter, jar = client()
    poll = next(p for p in urls if p.startswith("/reviews/"))
    _, _, page = fetch(voter, EDGE + poll)
    form = form_of(page, r"/polls/\d+/votes")
    if form.fields:
        action = re.search(r'action="(/polls/\d+/votes)"', page).group(1)
        for _ in range(2):
            status, headers, _ = submit(voter, EDGE + action, form.fields, "")
        fetch(voter, EDGE + headers.get("Location", action.replace("/votes", "")))
    print(f"(voter's cookies: {[(c.name, c.path) for c in jar]})", file=sys.stderr)
    hit_ratio(voter, random.choices(seen, k=READER_VIEWS), "voted without JavaScript")
    standings, jar = client()
    poll_id = re.search(r"/polls/(\d+)", page).group(1) if re.search(r"/polls/(\d+)", page) else "1"
    fetch(standings, EDGE + f"/polls/{poll_id}/results")
    print(f"(standings reader's cookies: {[(c.name, c.path) for c in jar]})", file=sys.stderr)
    hit_ratio(standings, random.choices(seen, k=READER_VIEWS), "opened the standings")
    editor, jar = sign_in(EDGE)
    fetch(editor, EDGE + "/admin")
    _, _, page = fetch(editor, EDGE + "/admin")
    logout = form_of(page, "logout")
    submit(editor, EDGE + "/logout", logout.fields, "")
    print(f"(signed-out editor's cookies: {[(c.name, c.path) for c in jar]})", file=sys.stderr)
    hit_ratio(editor, random.choices(seen, k=READER_VIEWS), "signed in once, signed out")


def edits(urls):
    editor, _ = sign_in(ORIGIN)
    reviews = [p for p in urls if p.startswith("/reviews/")][:EDITS]
    waits = []
    for n, path in enumerate(reviews):
        fetch(client()[0], EDGE + path)  # at the edge before the edit
        slug = path.rsplit("/", 1)[1]
        article_id = subprocess.run(
            ["psql", "-d", os.environ["DB"], "-Atc", f"select id from article where slug = '{slug}'"],
            capture_output=True, text=True, check=True).stdout.strip()
        edit_path = f"/admin/articles/{article_id}/edit"
        _, _, page = fetch(editor, ORIGIN + edit_path)
        form = form_of(page, r"/admin/articles/\d+")
        quote = f"Edge bench {n} {uuid.uuid4().hex[:8]}: a pull quote that changed."
        fields = [[k, quote if k == "pullQuote" else v] for k, v in form.fields]
        action = edit_path
        saved = time.monotonic()  # the editor presses Save
        status, headers, body = submit(editor, ORIGIN + action, fields, form.enctype)
        if status not in (302, 303):
            print(f"save of {slug} answered {status}", file=sys.stderr)
            continue
        while time.monotonic() - saved < 30:
            _, _, shown = fetch(client()[0], EDGE + path)
            if quote.split(":")[0] in shown:
                break
            time.sleep(0.05)
        waits.append(time.monotonic() - saved)
    print(f"\nsave to visible through the edge, {len(waits)} edits: median {statistics.median(waits):.2f} s, "
          f"worst {max(waits):.2f} s, each: {' '.join(f'{w:.2f}' for w in waits)}")


if __name__ == "__main__":
    urls = [line.strip() for line in open(URLS) if line.strip()]
    {"readers": readers, "edits": edits}[sys.argv[1]](urls)
