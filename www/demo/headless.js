// The headless demo (headless.html): a search interface of its own on zufi-headless.js. An
// external module, not an inline script, so that the page works under a strict
// Content-Security-Policy (see www/README.md).

import { loadIndex } from './dist/zufi-headless.js';

const params = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);
const status = $('status');

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text != null) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

// The service name with the matched parts in <mark>.
function highlighted(name, highlights) {
  const parts = [];
  let at = 0;
  for (const [start, end] of highlights) {
    if (start > at) parts.push(document.createTextNode(name.slice(at, start)));
    parts.push(element('mark', name.slice(start, end)));
    at = end;
  }
  parts.push(document.createTextNode(name.slice(at)));
  return parts;
}

function showDetail(index, id, ars) {
  const record = index.service(id, { ars });
  const detail = $('detail');
  detail.replaceChildren(element('h2', record.name, { id: 'detail-name' }));
  if (record.teaser) detail.append(element('p', record.teaser));
  if (record.responsible.length > 0) {
    detail.append(element('h3', 'Responsible'));
    for (const office of record.responsible) {
      detail.append(element('h4', office.name));
      if (office.address) detail.append(element('p', office.address));
    }
  }
  const links = [...record.onlineServices, ...record.forms];
  if (links.length > 0) {
    const list = element('ul');
    for (const link of links) {
      const item = element('li');
      item.append(element('a', link.name, { href: link.url }));
      list.append(item);
    }
    detail.append(element('h3', 'Online'), list);
  }
  detail.hidden = false;
}

try {
  const index = await loadIndex(params.get('index') ?? 'thueringen.zufi');
  status.textContent = `${index.info().counts.services} services in the index.`;
  const form = $('search');
  form.querySelector('button').disabled = false;
  let lastPlace = null;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // A postcode may span several places: offer them, and search at the one chosen.
    const placeText = $('place').value.trim();
    if (placeText !== lastPlace) {
      lastPlace = placeText;
      const places = index.locate(placeText);
      $('ars').replaceChildren(...places.map((place) => element('option', place.name, { value: place.ars })));
      $('choice').hidden = places.length < 2;
    }
    const ars = $('ars').value || undefined;
    const hits = index.search($('query').value, { ars, limit: 10 });
    const place = $('ars').selectedOptions[0]?.textContent;
    status.textContent = `${hits.length} services found${place ? ` for ${place}` : ''}.`;
    $('results').replaceChildren(
      ...hits.map((hit) => {
        const button = element('button', null, { type: 'button' });
        button.append(...highlighted(hit.name, hit.highlights));
        button.addEventListener('click', () => showDetail(index, hit.id, ars));
        const item = element('li');
        item.append(button);
        if (hit.responsible.length > 0) item.append(` — ${hit.responsible.map((office) => office.name).join(', ')}`);
        return item;
      }),
    );
    $('detail').hidden = true;
  });
} catch (error) {
  status.textContent = `The index could not be loaded: ${error.message}`;
}
