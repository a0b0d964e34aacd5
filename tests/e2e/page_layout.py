"""What a page must not do to its reader, checked in the browser: labels overlapping one
another, text cut off by its box, words wrapped a character or two a line, a select of
more options than anybody can scroll through."""

# More options than this in one select is a list nobody can use: it wants a search.
MAX_OPTIONS = 300

CHECK = """
() => {
  const problems = [];
  const HIDDEN = ".collapse:not(.show), .dropdown-menu:not(.show), dialog:not([open]), "
    + ".visually-hidden, [hidden]";
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none"
      && !el.closest(HIDDEN);
  };
  const name = (el) => {
    const text = (el.innerText || "").trim().replace(/\\s+/g, " ").slice(0, 30);
    return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${text}"`;
  };
  const main = document.querySelector("main") || document.body;
  // Labels (and legends, headings of a field group) overlapping one another.
  const labels = [...main.querySelectorAll("label, legend")].filter(shown);
  const boxes = labels.map((el) => el.getBoundingClientRect());
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      if (labels[i].contains(labels[j]) || labels[j].contains(labels[i])) continue;
      const a = boxes[i], b = boxes[j];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 2 && h > 2) problems.push(`overlap: ${name(labels[i])} / ${name(labels[j])}`);
    }
  }
  // Text cut by its box, or wrapped a character or two a line.
  const texts = [...main.querySelectorAll(
    "label, legend, h1, h2, h3, h4, h5, th, td, .badge, .btn, .form-check-label, dt, dd"
  )].filter(shown);
  for (const el of texts) {
    const text = (el.innerText || "").trim();
    if (!text) continue;
    const s = getComputedStyle(el);
    const clips = ["hidden", "clip"].includes(s.overflowX) || s.textOverflow === "ellipsis";
    if (clips && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`cut: ${name(el)} (${el.scrollWidth} > ${el.clientWidth})`);
      continue;
    }
    // Lines of the element's text: the boxes of its text runs, those less than half a
    // character apart in height counted as one line (a badge beside plain text).
    const tops = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0) tops.push(r.top);
    }
    tops.sort((a, b) => a - b);
    const step = parseFloat(s.fontSize) * 0.5;
    let lines = tops.length ? 1 : 0;
    for (let i = 1; i < tops.length; i++) if (tops[i] - tops[i - 1] > step) lines++;
    // A word cut: more lines than words (breaks at spaces, punctuation and hyphens are
    // between words, and fine), a few characters a line.
    const chars = text.replace(/\\s+/g, "").length;
    const words = text.split(/[\\s（）()、，,：:；;·\\/-]+/).filter(Boolean).length;
    if (lines >= 2 && lines > words && chars / lines < 4) {
      problems.push(`wrapped ${lines} lines for ${chars} characters: ${name(el)}`);
    }
  }
  const selects = [...document.querySelectorAll("select")].map((el) => ({
    name: el.name || el.id, options: el.options.length,
  }));
  return { problems, selects };
}
"""


def check(page) -> dict:
    """{"problems": [...], "selects": [{"name", "options"}]} of the page now shown."""
    return page.evaluate(CHECK)
