#!/usr/bin/env python3
"""Evaluation-set variants and checks for `make eval`.

  eval_variants.py html SRC_DOCS OUT_DOCS   wrap each sample page in a whole HTML page (head with
                                            scripts and styles, site navigation, a share bar, the
                                            page's lines as paragraphs, a footer), same file names
  eval_variants.py distinct EVENTS.jsonl    check that the pages of `depeche extract` output are
                                            all distinct: different text_sha256 and SimHashes more
                                            than MAX_BITS (default 10) apart
"""
import html, json, os, sys


def wrap(text):
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<style>body {{ font-family: sans-serif; }} .nav a {{ margin: 0 4px; }}</style></head>
<body>
<nav class="nav"><a href="/">Accueil</a><a href="/economie">Économie</a><a href="/politique">Politique</a>
<a href="/sport">Sport</a><a href="/contact">Contact</a></nav>
<div class="share"><a href="#">Facebook</a><a href="#">Twitter</a><a href="#">WhatsApp</a></div>
<main><article>
{paragraphs}
</article></main>
<aside class="related"><h3>Articles similaires</h3><ul><li><a href="/x">Autre titre du jour</a></li></ul></aside>
<footer><p>© Tous droits réservés. Mentions légales. Politique de cookies.</p></footer>
<script src="/js/app.js"></script>
</body></html>
"""


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "html":
        source, out = sys.argv[2], sys.argv[3]
        os.makedirs(out, exist_ok=True)
        for name in sorted(os.listdir(source)):
            text = open(os.path.join(source, name), encoding="utf-8").read()
            with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                f.write(wrap(text))
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "distinct":
        max_bits = int(os.environ.get("MAX_BITS", "10"))
        events = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
        pages = [(os.path.basename(e["path"]), e["text_sha256"], int(e["simhash"], 16)) for e in events if e.get("simhash")]
        failures = []
        for i, (a, ta, sa) in enumerate(pages):
            for b, tb, sb in pages[i + 1:]:
                bits = bin(sa ^ sb).count("1")
                if ta == tb or bits <= max_bits:
                    failures.append(f"{a} and {b}: {'same article text' if ta == tb else f'SimHash {bits} bits apart'}")
        closest = min((bin(a[2] ^ b[2]).count("1") for i, a in enumerate(pages) for b in pages[i + 1:]), default=64)
        print(f"distinct: {len(pages)} pages, closest pair {closest} SimHash bits apart (near-duplicate at <= {max_bits})")
        for failure in failures:
            print(f"  NOT DISTINCT: {failure}")
        return 1 if failures or len(pages) != len(events) else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
