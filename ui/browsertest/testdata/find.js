// How the browser tests find things on a page: the way a person does, by
// labels, headings, link text and addresses, never by CSS classes. This file
// is one expression, an object; the tests evaluate `(<this file>).name(...)`.
({
  norm(s) {
    return (s || "").replace(/\s+/g, " ").trim();
  },

  // visible tells whether el takes up room on the page.
  visible(el) {
    if (!el) return false;
    const style = getComputedStyle(el);
    return el.getClientRects().length > 0 && style.visibility !== "hidden";
  },

  // describe is el as a developer would want to see it in a failure.
  describe(el) {
    if (!el) return "nothing";
    if (el === document.body) return "<body> (nothing focused)";
    const attrs = ["id", "href", "type", "name", "role"]
      .filter((a) => el.hasAttribute(a))
      .map((a) => ` ${a}="${el.getAttribute(a)}"`)
      .join("");
    const tag = el.tagName.toLowerCase();
    const value = el.type === "password" ? "" : el.value; // a token must not reach a log
    return `<${tag}${attrs}>${this.norm(el.innerText || value || "").slice(0, 80)}</${tag}>`;
  },

  // control is the form control whose label says text (case-insensitive).
  control(text) {
    const want = text.toLowerCase();
    for (const label of document.querySelectorAll("label")) {
      if (label.control && this.norm(label.textContent).toLowerCase().includes(want)) return label.control;
    }
    for (const el of document.querySelectorAll("input, select, textarea")) {
      if ((el.getAttribute("aria-label") || "").toLowerCase().includes(want)) return el;
    }
    return null;
  },

  // searchBox is the catalogue's search field: a search input, or the text
  // field of a search landmark.
  searchBox() {
    const candidates = document.querySelectorAll(
      'main input[type="search"], main [role="search"] input[type="text"], main search input[type="text"], ' +
        'input[type="search"], [role="search"] input[type="text"], search input[type="text"]'
    );
    return [...candidates].find((el) => this.visible(el)) || null;
  },

  // submitOf is the button that submits el's form.
  submitOf(el) {
    const form = el && el.form;
    if (!form) return null;
    return form.querySelector('button:not([type]), button[type="submit"], input[type="submit"]');
  },

  // heading is the first heading whose text matches pattern (a regular
  // expression, case-insensitive).
  heading(pattern) {
    const re = new RegExp(pattern, "i");
    return [...document.querySelectorAll("h1, h2, h3, h4, h5, h6, legend")].find((h) => re.test(this.norm(h.textContent))) || null;
  },

  // groupOf is the smallest element around heading h that holds a link: a
  // facet group, for a facet's heading.
  groupOf(h) {
    let g = h && h.parentElement;
    while (g && !g.querySelector("a[href]")) g = g.parentElement;
    return g;
  },

  // linkUnder is the first link after the heading matching pattern, in the
  // group that heading names.
  linkUnder(pattern) {
    const h = this.heading(pattern);
    const group = this.groupOf(h);
    if (!group) return null;
    return [...group.querySelectorAll("a[href]")].find(
      (a) => h.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING
    ) || null;
  },

  // link is the first visible link whose text matches pattern
  // (case-insensitive).
  link(pattern) {
    const re = new RegExp(pattern, "i");
    return [...document.querySelectorAll("a[href]")].find((a) => this.visible(a) && re.test(this.norm(a.textContent))) || null;
  },

  // results are the links to projects in the main content, in page order,
  // one per project.
  results() {
    const seen = new Set();
    return [...document.querySelectorAll("main a[href]")].filter((a) => {
      const u = new URL(a.href);
      if (u.origin !== location.origin || !/^\/projects\/[^/]+$/.test(u.pathname) || seen.has(u.pathname)) return false;
      seen.add(u.pathname);
      return true;
    });
  },

  // isSkipLink tells whether el is a link that lets a keyboard user skip to
  // the content.
  isSkipLink(el) {
    return !!el && el.tagName === "A" && /skip/i.test(this.norm(el.textContent)) && (el.getAttribute("href") || "").startsWith("#");
  },

  // isMain tells whether el is the page's main landmark.
  isMain(el) {
    return !!el && (el.tagName === "MAIN" || el.getAttribute("role") === "main");
  },

  // checkRow is the smallest element around the check titled title that
  // says its status (status: a word stem, such as "pass") and names no other
  // check; null when there is none.
  checkRow(title, status, others) {
    const panel = this.heading("compliance|checks");
    if (!panel) return null;
    const titleEl = [...document.querySelectorAll("main *")].find(
      (el) => this.norm(el.textContent) === title && (panel.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)
    );
    if (!titleEl || !this.visible(titleEl)) return null;
    const re = new RegExp("\\b" + status, "i");
    for (let el = titleEl; el && el.tagName !== "MAIN"; el = el.parentElement) {
      const text = this.norm(el.innerText);
      if (others.some((o) => o !== title && !title.includes(o) && text.includes(o))) return null;
      if (re.test(text.replace(title, ""))) return el;
    }
    return null;
  },

  // focusShown tells whether el, which has the focus, shows it: an outline
  // or a box shadow (WCAG 2.4.7, focus visible).
  focusShown(el) {
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
    return outline || (!!s.boxShadow && s.boxShadow !== "none");
  },

  // follows tells whether el comes after the heading matching pattern.
  follows(el, pattern) {
    const h = this.heading(pattern);
    return !!el && !!h && el !== h && !!(h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  },
})
