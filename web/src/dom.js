// A small element builder: text always goes in as text, never as markup (query texts and keys are data).

/** Creates a {@code tag} with attributes (class, data-*, on* handlers as functions) and children. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child != null) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

/** A table with a header row and one row per item; {@code cells} maps an item to its cells. */
export function table(headers, items, cells, attributes = {}) {
  return el('table', attributes,
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, items.map((item) => el('tr', {}, cells(item).map((c) => el('td', {}, c))))));
}
