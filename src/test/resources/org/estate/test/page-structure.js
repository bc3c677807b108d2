// The page's structure as axe sees it, without its text: every element's tag, the attributes that
// decide accessibility rules (class, role, type, lang, aria-* values; other attributes by name only)
// and whether it holds text, nested; runs of identical siblings (table rows, list items) count once.
() => {
  const KEPT = new Set(['class', 'role', 'type', 'lang', 'scope', 'tabindex', 'hidden', 'disabled']);
  const NAMES_ONLY = new Set(['aria-label', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns']);
  const describe = (el) => {
    const attrs = Array.from(el.attributes).map(a => {
      const keep = KEPT.has(a.name) || (a.name.startsWith('aria-') && !NAMES_ONLY.has(a.name));
      return keep ? a.name + '=' + a.value : (a.value === '' ? a.name + '=' : a.name);
    }).sort().join(',');
    const text = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim() !== '') ? '#' : '';
    const children = [];
    for (const child of el.children) {
      const d = describe(child);
      if (children[children.length - 1] !== d) {
        children.push(d);
      }
    }
    return el.tagName + '[' + attrs + ']' + text + (children.length ? '(' + children.join('') + ')' : '');
  };
  return describe(document.documentElement);
}
