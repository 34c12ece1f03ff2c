// The dispatcher page: a map of the offers still waiting for a claim and of the NGOs' reach, kept up to
// date from the gateway's event stream GET /v1/dispatch/events (server-sent events; the interface is in
// the gateway's spec). No framework: Leaflet draws, this file keeps the state.
'use strict';

(() => {
  const STREAM_URL = '/v1/dispatch/events'; // same origin as the page: the gateway serves both
  const KEY_STORAGE = 'pangan.dispatcherKey';
  const INDONESIA_BOUNDS = [[-11.1, 94.9], [6.1, 141.1]]; // until indonesia.geojson has loaded

  // An offer is open from its first offer.proposed/offer.escalated until it is claimed or one of these.
  const TERMINAL = new Set(['offer.completed', 'offer.expired', 'offer.pickup_missed', 'offer.cancelled']);
  const DECISIONS = [
    'offer.proposed', 'offer.claimed', 'offer.declined', 'offer.hold_expired', 'offer.escalated',
    'offer.expired', 'offer.pickup_missed', 'offer.completed', 'offer.cancelled', 'claim.rejected',
  ];
  const COLOURS = { offer: '#f08c00', escalated: '#e03131', ngo: '#2b8a3e' };

  // Remembered so that a replay (after the page opens a new stream, which starts again from `since`
  // ago) neither counts an event twice nor brings back an offer that was claimed or ended.
  const REMEMBER = 100000;
  const seenEventIds = new Set();
  const closedOffers = new Set();
  const ngoEventTimes = new Map(); // ngo_id -> event_time of the newest snapshot applied, kept after it left

  // The state, also for tests and for a curious dispatcher's console.
  const state = (window.panganMap = { offers: new Map(), ngos: new Map(), events: 0 });

  // ---- the map --------------------------------------------------------------------------------------

  // SVG (Leaflet's default renderer, not canvas): each marker is an element with its own classes, which
  // the stylesheet and the browser test select by.
  const map = L.map('map', { minZoom: 3, zoomSnap: 0.25 });
  map.fitBounds(INDONESIA_BOUNDS);
  map.attributionControl.addAttribution('Outline: Natural Earth (world-atlas)');

  // Panes order what is drawn above what: the land under the reach circles under NGO dots under offers,
  // so that an offer inside an NGO's reach can still be clicked.
  for (const [name, z] of [['land', 300], ['ngoRange', 350], ['ngoDot', 420], ['offers', 450]]) {
    map.createPane(name).style.zIndex = z;
  }

  fetch('indonesia.geojson')
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`indonesia.geojson: HTTP ${r.status}`))))
    .then((outline) => {
      const layer = L.geoJSON(outline, {
        pane: 'land',
        interactive: false,
        style: { color: '#8c7b5e', weight: 0.8, fillColor: '#f6f1e4', fillOpacity: 1 },
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    })
    .catch((e) => console.warn('no outline of Indonesia:', e.message));

  const legend = L.control({ position: 'bottomleft' });
  legend.onAdd = () => {
    const div = L.DomUtil.create('div', 'legend');
    div.innerHTML =
      '<div><span class="swatch" style="background:' + COLOURS.offer + '"></span>open offer (held or waiting)</div>' +
      '<div><span class="swatch" style="background:' + COLOURS.escalated + '"></span>escalated offer</div>' +
      '<div><span class="swatch ngo" style="border-color:' + COLOURS.ngo + '"></span>NGO and its reach</div>';
    return div;
  };
  legend.addTo(map);

  // ---- offers ---------------------------------------------------------------------------------------

  const offerMarkers = new Map(); // offer_id -> L.circleMarker

  function onDecision(ev) {
    const id = ev.offer_id;
    if (typeof id !== 'string' || closedOffers.has(id)) return;
    let offer = state.offers.get(id);
    switch (ev.type) {
      case 'offer.proposed':
      case 'offer.escalated':
        if (!offer) {
          if (!Number.isFinite(ev.lat) || !Number.isFinite(ev.lon)) return; // nowhere to draw it
          offer = { offer_id: id, escalated: false };
          state.offers.set(id, offer);
        }
        for (const k of ['lat', 'lon', 'quantity_kg', 'category']) if (ev[k] != null) offer[k] = ev[k];
        if (ev.type === 'offer.escalated') {
          offer.escalated = true; // stays escalated until it ends
          offer.reason = ev.reason ?? null;
        }
        // held: an NGO has it on hold; open: waiting for the next NGO
        offer.holder = ev.ngo_id ?? null;
        offer.holdUntil = ev.ngo_id ? ev.hold_until ?? null : null;
        offer.state = ev.ngo_id ? 'held' : 'open';
        offer.attempt = ev.attempt ?? offer.attempt;
        offer.tier = ev.tier ?? offer.tier;
        offer.at = ev.at ?? offer.at;
        drawOffer(offer);
        break;
      case 'offer.declined':
      case 'offer.hold_expired':
        if (!offer) return;
        offer.state = 'open';
        offer.last = `${ev.type === 'offer.declined' ? 'declined' : 'hold expired'} by ${ev.ngo_id ?? '?'}`;
        offer.holder = null;
        offer.holdUntil = null;
        offer.at = ev.at ?? offer.at;
        drawOffer(offer);
        break;
      case 'offer.claimed':
        closeOffer(id);
        break;
      default:
        if (TERMINAL.has(ev.type)) closeOffer(id);
        // claim.rejected: a claim that came too late or from the wrong NGO; the offer is as it was
    }
  }

  function closeOffer(id) {
    remember(closedOffers, id);
    state.offers.delete(id);
    const marker = offerMarkers.get(id);
    if (marker) {
      marker.remove();
      offerMarkers.delete(id);
    }
  }

  function offerStyle(offer) {
    const colour = offer.escalated ? COLOURS.escalated : COLOURS.offer;
    return {
      color: '#ffffff',
      weight: 2,
      fillColor: colour,
      fillOpacity: offer.state === 'held' ? 0.95 : 0.7, // paler while no NGO holds it
      // bigger for more food, within reason: 7 px for a bag of bread, 18 px for a lorry's worth
      radius: Math.min(18, Math.max(7, 4 + 1.6 * Math.sqrt(offer.quantity_kg || 0))),
    };
  }

  function drawOffer(offer) {
    let marker = offerMarkers.get(offer.offer_id);
    if (!marker) {
      marker = L.circleMarker([offer.lat, offer.lon], {
        pane: 'offers',
        className: 'offer-marker', // the SVG path's class: tests and the stylesheet find offers by it
        ...offerStyle(offer),
      }).addTo(map);
      marker.getElement().setAttribute('data-offer-id', offer.offer_id);
      // the popup is built when opened, so that it shows the offer as it is then
      marker.bindPopup(() => offerPopup(state.offers.get(offer.offer_id) || offer));
      marker.bindTooltip(() => offer.offer_id, { direction: 'top', offset: [0, -6] });
      offerMarkers.set(offer.offer_id, marker);
    } else {
      marker.setLatLng([offer.lat, offer.lon]).setStyle(offerStyle(offer));
      if (marker.isPopupOpen()) marker.setPopupContent(offerPopup(offer));
    }
    const path = marker.getElement();
    path.classList.toggle('offer-escalated', offer.escalated);
    path.classList.toggle('offer-held', offer.state === 'held');
  }

  function offerPopup(offer) {
    const rows = [
      ['offer', offer.offer_id],
      ['category', offer.category ?? '?'],
      ['kg', offer.quantity_kg != null ? Number(offer.quantity_kg).toLocaleString('en', { maximumFractionDigits: 1 }) : '?'],
      ['state', (offer.escalated ? 'escalated, ' : '') + (offer.state === 'held' ? 'held' : 'waiting for an NGO')],
      ['held by', offer.holder ? offer.holder + (offer.holdUntil ? ` until ${clock(offer.holdUntil)}` : '') : '—'],
    ];
    if (offer.escalated) rows.push(['escalated', offer.reason ?? '(no reason given)']);
    if (offer.last) rows.push(['last', offer.last]);
    if (offer.attempt != null) rows.push(['attempt', `${offer.attempt}${offer.tier != null ? `, tier ${offer.tier}` : ''}`]);
    return '<table class="popup">' + rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('') + '</table>';
  }

  // ---- NGOs -----------------------------------------------------------------------------------------

  const ngoLayers = new Map(); // ngo_id -> {dot, reach}

  function onNgo(ev) {
    const id = ev.ngo_id;
    if (typeof id !== 'string') return false;
    // Only a newer snapshot replaces the one shown (a replay must not bring back an older one).
    const time = Date.parse(ev.event_time);
    const shown = ngoEventTimes.get(id);
    if (Number.isFinite(time) && shown != null && time <= shown) return false;
    if (Number.isFinite(time)) ngoEventTimes.set(id, time);

    const old = ngoLayers.get(id);
    if (old) {
      old.dot.remove();
      old.reach.remove();
      ngoLayers.delete(id);
    }
    if (ev.active === false || !Number.isFinite(ev.lat) || !Number.isFinite(ev.lon)) {
      state.ngos.delete(id);
      return true;
    }
    state.ngos.set(id, ev);
    const at = [ev.lat, ev.lon];
    const reach = L.circle(at, {
      pane: 'ngoRange',
      radius: Math.max(0, Number(ev.radius_km) || 0) * 1000, // metres
      className: 'ngo-reach',
      interactive: false,
      color: COLOURS.ngo, weight: 1, opacity: 0.5, fillColor: COLOURS.ngo, fillOpacity: 0.07,
    }).addTo(map);
    const dot = L.circleMarker(at, {
      pane: 'ngoDot',
      className: 'ngo-marker',
      radius: 4, color: '#ffffff', weight: 1, fillColor: COLOURS.ngo, fillOpacity: 1,
    }).addTo(map);
    dot.getElement().setAttribute('data-ngo-id', id);
    dot.bindPopup(() => ngoPopup(state.ngos.get(id) || ev));
    dot.bindTooltip(id, { direction: 'top', offset: [0, -4] });
    ngoLayers.set(id, { dot, reach });
    return true;
  }

  function ngoPopup(ngo) {
    const rows = [
      ['NGO', ngo.ngo_id],
      ['reach', `${ngo.radius_km ?? '?'} km`],
      ['capacity', `${ngo.capacity_kg ?? '?'} kg`],
      ['accepts', Array.isArray(ngo.accepts) && ngo.accepts.length ? ngo.accepts.join(', ') : 'anything'],
      ['halal only', ngo.halal_only ? 'yes' : 'no'],
      ['cold chain', ngo.has_cold_chain ? 'yes' : 'no'],
      ['as of', ngo.event_time ? clock(ngo.event_time) : '?'],
    ];
    return '<table class="popup">' + rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('') + '</table>';
  }

  // ---- the stream -----------------------------------------------------------------------------------

  let source = null;
  let retryTimer = null;
  let retries = 0;

  function handle(message, type) {
    let ev;
    try {
      ev = JSON.parse(message.data);
    } catch (e) {
      console.warn(`dispatch stream: ${type} event with data that is not JSON, ignored`);
      return;
    }
    if (!ev || typeof ev !== 'object') return;
    type = type || ev.type; // an unnamed event says what it is in its data
    if (type === 'ngo.availability') {
      if (onNgo(ev)) counted();
    } else if (DECISIONS.includes(type)) {
      // The same decision again (the stream started over, or the gateway resent around a reconnect):
      // its effect is already on the map.
      if (typeof ev.event_id === 'string') {
        if (seenEventIds.has(ev.event_id)) return;
        remember(seenEventIds, ev.event_id);
      }
      onDecision({ ...ev, type });
      counted();
    } else {
      // a type newer than this page: the map shows what it knows
      console.info(`dispatch stream: event type ${type} ignored`);
    }
  }

  function counted() {
    state.events += 1;
    render();
  }

  function connect(key) {
    disconnect();
    setConnection('connecting', 'connecting…');
    // EventSource cannot send an Authorization header, so the key goes in the query (the spec allows it
    // for the SSE routes). On a dropped connection EventSource reconnects by itself with Last-Event-ID.
    source = new EventSource(`${STREAM_URL}?access_token=${encodeURIComponent(key)}`);
    source.onopen = () => {
      retries = 0;
      setConnection('live', 'live');
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CONNECTING) {
        setConnection('reconnecting', 'reconnecting…');
      } else {
        // Closed for good: EventSource gives up on an HTTP error (401, 503, ...) without saying which.
        source.close();
        diagnose(key);
      }
    };
    // Named events reach only the listeners of their name: one per known type, so an unknown type
    // is simply never delivered.
    for (const type of [...DECISIONS, 'ngo.availability']) {
      source.addEventListener(type, (m) => handle(m, type));
    }
    source.onmessage = (m) => handle(m, null);
  }

  function disconnect() {
    clearTimeout(retryTimer);
    if (source) source.close();
    source = null;
  }

  // Asks the stream once more, only for the status: a refused key needs the dispatcher, anything else
  // (gateway restarting, NATS down) is retried with a growing pause.
  function diagnose(key) {
    const abort = new AbortController();
    fetch(`${STREAM_URL}?access_token=${encodeURIComponent(key)}`, {
      signal: abort.signal, headers: { Accept: 'text/event-stream' }, cache: 'no-store',
    })
      .then((r) => r.status)
      .catch(() => 0)
      .then((status) => {
        abort.abort();
        if (status === 401 || status === 403) {
          forgetKey();
          setConnection('refused', 'key refused');
          askForKey(`The gateway refused this key (HTTP ${status}). Enter a dispatcher key.`);
          return;
        }
        const wait = Math.min(60, 2 ** retries++) * 1000;
        setConnection('down', status ? `gateway answered ${status}; retrying` : 'gateway unreachable; retrying');
        retryTimer = setTimeout(() => connect(key), wait);
      });
  }

  // ---- the key --------------------------------------------------------------------------------------

  function keyFromUrl() {
    const fromQuery = new URLSearchParams(location.search).get('key');
    const fromHash = new URLSearchParams(location.hash.slice(1)).get('key');
    const key = fromQuery || fromHash;
    if (key) {
      // out of the address bar, the history and any link copied from it: the key is a secret
      const query = new URLSearchParams(location.search);
      query.delete('key');
      const hash = new URLSearchParams(location.hash.slice(1));
      hash.delete('key');
      const rest = (prefix, params) => (String(params) ? prefix + params : '');
      history.replaceState(null, '', location.pathname + rest('?', query) + rest('#', hash));
    }
    return key;
  }

  // sessionStorage: the key survives a reload but not the tab; storage may be off, then it is not kept
  function storedKey() {
    try { return sessionStorage.getItem(KEY_STORAGE); } catch (e) { return null; }
  }
  function storeKey(key) {
    try { sessionStorage.setItem(KEY_STORAGE, key); } catch (e) { /* kept for this page only */ }
  }
  function forgetKey() {
    try { sessionStorage.removeItem(KEY_STORAGE); } catch (e) { /* nothing kept */ }
  }

  const form = document.getElementById('key-form');
  const input = document.getElementById('key-input');
  const changeKey = document.getElementById('change-key');

  function askForKey(message) {
    if (message) document.getElementById('key-message').textContent = message;
    form.hidden = false;
    changeKey.hidden = true;
    input.value = '';
    input.focus();
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const key = input.value.trim();
    if (!key) return;
    storeKey(key);
    form.hidden = true;
    changeKey.hidden = false;
    connect(key);
  });
  changeKey.addEventListener('click', () => askForKey());

  // ---- the header -----------------------------------------------------------------------------------

  const counts = {
    open: document.getElementById('count-open'),
    escalated: document.getElementById('count-escalated'),
    ngos: document.getElementById('count-ngos'),
    events: document.getElementById('count-events'),
  };
  let renderQueued = false;

  // Once per frame at most: a replay of six hours of decisions arrives in one burst.
  function render() {
    if (renderQueued) return;
    renderQueued = true;
    requestAnimationFrame(() => {
      renderQueued = false;
      let escalated = 0;
      for (const offer of state.offers.values()) if (offer.escalated) escalated += 1;
      counts.open.textContent = state.offers.size;
      counts.escalated.textContent = escalated;
      counts.ngos.textContent = state.ngos.size;
      counts.events.textContent = `${state.events} ${state.events === 1 ? 'event' : 'events'}`;
      document.title = `${state.offers.size} open · Pahlawan Pangan dispatch`;
    });
  }

  function setConnection(code, text) {
    const conn = document.getElementById('conn');
    conn.dataset.state = code;
    document.getElementById('conn-text').textContent = text;
  }

  // ---- helpers --------------------------------------------------------------------------------------

  function remember(set, value) {
    set.add(value);
    if (set.size > REMEMBER) set.delete(set.values().next().value); // the oldest: a Set keeps order
  }

  // Event fields come from providers' and NGOs' systems: never HTML.
  function esc(value) {
    return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  }

  function clock(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  // ---- start ----------------------------------------------------------------------------------------

  const key = keyFromUrl() || storedKey();
  if (key) {
    storeKey(key);
    changeKey.hidden = false;
    connect(key);
  } else {
    askForKey();
  }
})();
