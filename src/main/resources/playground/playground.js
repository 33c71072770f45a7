// Brushwork's playground: open a photo, paint a mask, send the same multipart request any client sends to
// POST /ideogram/edit, compare the results. Plain browser APIs, no library, nothing fetched from elsewhere.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const KEY_STORE = 'brushwork.key';
  const MODEL_STORE = 'brushwork.model';
  // The mask is painted opaque in this colour and shown translucent; its alpha is the mask.
  const PAINT = '#ff2d55';
  const auth = document.documentElement.dataset.auth !== 'none';

  const stage = $('stage');
  const view = $('view');
  const photoCanvas = $('photo');
  const maskCanvas = $('mask');
  const maskCtx = maskCanvas.getContext('2d');
  const cursor = $('brush-cursor');
  const form = $('edit-form');
  const fields = {
    prompt: $('prompt'), model: $('model'), magic: $('magic-prompt'), style: $('style'), seed: $('seed'),
    count: $('num-images'),
  };

  // What the page holds: the photo being edited, the mask's history, the view and the tool.
  let photo = null; // {blob, name, width, height, url}
  let resultsBeforeUrl = null;
  let editingBeforeUrl = null;
  let edits = 0;
  let key = auth ? (localStorage.getItem(KEY_STORE) || '') : '';
  let models = [];
  const history = [];
  const undone = [];
  let stroke = null;
  let tool = 'brush';
  let brushSize = 40;
  const zoom = {scale: 1, x: 0, y: 0, fitted: true};
  let panning = null;
  // The one pointer painting or panning now: a second finger neither starts a stroke nor ends this one.
  let activePointer = null;
  let spaceHeld = false;
  let editing = false;

  // ---- the API ----

  function authHeaders() {
    return auth && key ? {Authorization: 'Bearer ' + key} : {};
  }

  /** The API's {"error"} text, or what the status was when the body is not the API's. */
  async function errorText(response) {
    const text = await response.text();
    try {
      const body = JSON.parse(text);
      if (body && typeof body.error === 'string') {
        return body.error;
      }
    } catch (ignored) {
      // not JSON: a proxy's page, say
    }
    return `HTTP ${response.status}` + (text ? ': ' + text.slice(0, 300) : '');
  }

  function setStatus(element, text, kind) {
    element.textContent = text;
    element.classList.toggle('good', kind === 'good');
    element.classList.toggle('bad', kind === 'bad');
  }

  function showError(text) {
    $('error').textContent = text;
    $('error').hidden = false;
  }

  function hideError() {
    $('error').hidden = true;
  }

  async function loadModels() {
    if (auth && !key) {
      setStatus($('key-status'), 'Enter your API key to list models and edit.', '');
      return;
    }
    let response;
    try {
      response = await fetch('/v1/models', {headers: authHeaders(), cache: 'no-store'});
    } catch (e) {
      setStatus($('key-status'), 'Could not reach the server: ' + e.message, 'bad');
      return;
    }
    if (!response.ok) {
      const message = await errorText(response);
      if (response.status === 401 && auth) {
        // A key that was not accepted is not used; the saved one (if any) still is.
        key = localStorage.getItem(KEY_STORE) || '';
        setStatus($('key-status'), message + (key ? ' (still using the saved key)' : ''), 'bad');
      } else {
        setStatus($('model-status'), message, 'bad');
      }
      return;
    }
    if (auth) {
      localStorage.setItem(KEY_STORE, key);
      setStatus($('key-status'), 'Key accepted.', 'good');
      showSavedKey();
    }
    const listed = (await response.json()).data;
    // The first list keeps the model chosen last time; later ones keep what is selected now.
    const wanted = models.length ? fields.model.value : localStorage.getItem(MODEL_STORE) || fields.model.value;
    models = listed;
    fields.model.replaceChildren(...models.map((m) => {
      const option = new Option(m.ready ? m.id : `${m.id} (not ready)`, m.id);
      option.dataset.ready = String(m.ready);
      return option;
    }));
    const keep = models.find((m) => m.id === wanted) || models.find((m) => m.id === 'V_2') || models[0];
    if (keep) {
      fields.model.value = keep.id;
    }
    showModelStatus();
  }

  function showModelStatus() {
    const model = models.find((m) => m.id === fields.model.value);
    if (!model) {
      setStatus($('model-status'), '', '');
    } else if (!model.ready) {
      const why = Object.entries(model.backends || {}).map(([name, state]) => `${name}: ${state}`).join('; ');
      setStatus($('model-status'), `Not ready: no backend can serve it now${why ? ' (' + why + ')' : ''}.`, 'bad');
    } else {
      setStatus($('model-status'), model.deterministic ? 'Ready. The same seed gives the same pixels.' : 'Ready.', '');
    }
  }

  function showSavedKey() {
    $('api-key').value = '';
    $('api-key').placeholder = key ? `saved: ${key.slice(0, 10)}…` : 'bw_…';
    $('forget-key').hidden = !key;
  }

  // ---- the photo ----

  async function openPhoto(blob, name) {
    let bitmap;
    try {
      bitmap = await createImageBitmap(blob);
    } catch (e) {
      showError(`${name || 'That file'} could not be opened as an image: send a JPEG, PNG or WebP photo.`);
      return;
    }
    hideError();
    stroke = null;
    if (photo && photo.url !== resultsBeforeUrl && photo.url !== editingBeforeUrl) {
      URL.revokeObjectURL(photo.url);
    }
    photo = {blob, name: name || 'photo.png', width: bitmap.width, height: bitmap.height,
      url: URL.createObjectURL(blob)};
    for (const canvas of [photoCanvas, maskCanvas]) {
      canvas.width = photo.width;
      canvas.height = photo.height;
    }
    view.style.width = photo.width + 'px';
    view.style.height = photo.height + 'px';
    photoCanvas.getContext('2d').drawImage(bitmap, 0, 0);
    bitmap.close();
    history.length = 0;
    undone.length = 0;
    view.hidden = false;
    $('drop-hint').hidden = true;
    stage.classList.add('painting');
    fit();
    updateButtons();
  }

  function fileOf(dataTransfer) {
    return dataTransfer && [...dataTransfer.files].find((f) => f.type.startsWith('image/') || !f.type);
  }

  // ---- the mask: a history of operations, replayed on undo ----

  function drawStep(ctx, op, i) {
    const p = op.points;
    ctx.save();
    ctx.globalCompositeOperation = op.erase ? 'destination-out' : 'source-over';
    ctx.strokeStyle = ctx.fillStyle = PAINT;
    ctx.lineWidth = op.width;
    ctx.lineCap = ctx.lineJoin = 'round';
    ctx.beginPath();
    if (i === 0) {
      ctx.arc(p[0], p[1], op.width / 2, 0, 2 * Math.PI);
      ctx.fill();
    } else {
      ctx.moveTo(p[i - 2], p[i - 1]);
      ctx.lineTo(p[i], p[i + 1]);
      ctx.stroke();
    }
    ctx.restore();
  }

  function draw(op) {
    const {width, height} = maskCanvas;
    if (op.type === 'stroke') {
      for (let i = 0; i < op.points.length; i += 2) {
        drawStep(maskCtx, op, i);
      }
    } else if (op.type === 'clear') {
      maskCtx.clearRect(0, 0, width, height);
    } else if (op.type === 'invert') {
      // XOR with an opaque fill turns each pixel's alpha a into 1 - a.
      maskCtx.save();
      maskCtx.globalCompositeOperation = 'xor';
      maskCtx.fillStyle = PAINT;
      maskCtx.fillRect(0, 0, width, height);
      maskCtx.restore();
    } else if (op.type === 'mask') {
      maskCtx.clearRect(0, 0, width, height);
      maskCtx.drawImage(op.canvas, 0, 0);
    }
  }

  function apply(op) {
    // A stroke still being painted is kept first, so that the history replays what the screen shows.
    finishStroke();
    history.push(op);
    undone.length = 0;
    draw(op);
    updateButtons();
  }

  function undo() {
    if (!history.length || stroke) {
      return;
    }
    undone.push(history.pop());
    maskCtx.clearRect(0, 0, maskCanvas.width, maskCanvas.height);
    history.forEach(draw);
    updateButtons();
  }

  function redo() {
    if (!undone.length || stroke) {
      return;
    }
    const op = undone.pop();
    history.push(op);
    draw(op);
    updateButtons();
  }

  function newCanvas(width, height) {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    return canvas;
  }

  /** The mask as the API reads it: black where painted (alpha of half or more), white elsewhere. */
  function exportMask() {
    const {width, height} = maskCanvas;
    const painted = maskCtx.getImageData(0, 0, width, height).data;
    const out = new ImageData(width, height);
    const d = out.data;
    let count = 0;
    for (let i = 0; i < painted.length; i += 4) {
      const v = painted[i + 3] >= 128 ? 0 : 255;
      count += v === 0 ? 1 : 0;
      d[i] = d[i + 1] = d[i + 2] = v;
      d[i + 3] = 255;
    }
    const canvas = newCanvas(width, height);
    canvas.getContext('2d').putImageData(out, 0, 0);
    return {canvas, painted: count};
  }

  function pngOf(canvas) {
    return new Promise((resolve, reject) => canvas.toBlob(
        (blob) => blob ? resolve(blob) : reject(new Error('the browser could not encode the mask')), 'image/png'));
  }

  async function loadMask(file) {
    if (!photo) {
      showError('Open a photo first: a mask must have its width and height.');
      return;
    }
    let bitmap;
    try {
      bitmap = await createImageBitmap(file);
    } catch (e) {
      showError(`${file.name} could not be opened as an image: send a JPEG, PNG or WebP mask.`);
      return;
    }
    const {width, height} = bitmap;
    if (width !== photo.width || height !== photo.height) {
      bitmap.close();
      // The API's own words for this refusal.
      showError(`mask is ${width}x${height} but image_file is ${photo.width}x${photo.height};`
          + ' the mask must have the image\'s width and height');
      return;
    }
    hideError();
    // Read as the API reads a mask: alpha over white, then luminance below half is repainted.
    const flat = newCanvas(width, height);
    const flatCtx = flat.getContext('2d');
    flatCtx.fillStyle = '#fff';
    flatCtx.fillRect(0, 0, width, height);
    flatCtx.drawImage(bitmap, 0, 0);
    bitmap.close();
    const pixels = flatCtx.getImageData(0, 0, width, height);
    const d = pixels.data;
    for (let i = 0; i < d.length; i += 4) {
      const repaint = 299 * d[i] + 587 * d[i + 1] + 114 * d[i + 2] < 127500;
      d[i] = 255;
      d[i + 1] = 45;
      d[i + 2] = 85;
      d[i + 3] = repaint ? 255 : 0;
    }
    flatCtx.putImageData(pixels, 0, 0);
    apply({type: 'mask', canvas: flat});
  }

  async function saveMask() {
    if (!photo) {
      return;
    }
    const url = URL.createObjectURL(await pngOf(exportMask().canvas));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'mask.png';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // ---- zoom, pan and painting ----

  function showView() {
    view.style.transform = `translate(${zoom.x}px, ${zoom.y}px) scale(${zoom.scale})`;
    showInfo();
  }

  function showInfo() {
    $('stage-info').textContent = photo
      ? `${photo.name} · ${photo.width}×${photo.height} · zoom ${Math.round(zoom.scale * 100)}%`
        + ` · brush ${brushSize} px (${tool})`
      : '';
  }

  function fit() {
    if (!photo) {
      return;
    }
    const box = stage.getBoundingClientRect();
    zoom.scale = Math.min((box.width - 16) / photo.width, (box.height - 16) / photo.height, 8);
    zoom.x = (box.width - photo.width * zoom.scale) / 2;
    zoom.y = (box.height - photo.height * zoom.scale) / 2;
    zoom.fitted = true;
    showView();
  }

  function zoomAt(factor, sx, sy) {
    if (!photo) {
      return;
    }
    const scale = Math.min(32, Math.max(0.02, zoom.scale * factor));
    zoom.x = sx - (sx - zoom.x) * scale / zoom.scale;
    zoom.y = sy - (sy - zoom.y) * scale / zoom.scale;
    zoom.scale = scale;
    zoom.fitted = false;
    showView();
  }

  function zoomCentre(factor) {
    const box = stage.getBoundingClientRect();
    zoomAt(factor, box.width / 2, box.height / 2);
  }

  function stagePoint(e) {
    const box = stage.getBoundingClientRect();
    return [e.clientX - box.left, e.clientY - box.top];
  }

  function imagePoint(e) {
    const [sx, sy] = stagePoint(e);
    return [(sx - zoom.x) / zoom.scale, (sy - zoom.y) / zoom.scale];
  }

  function moveCursor(e) {
    if (!photo || panning || spaceHeld) {
      cursor.hidden = true;
      return;
    }
    const [sx, sy] = stagePoint(e);
    cursor.hidden = false;
    cursor.style.left = sx + 'px';
    cursor.style.top = sy + 'px';
    cursor.style.width = cursor.style.height = brushSize + 'px';
    cursor.classList.toggle('eraser', tool === 'eraser');
  }

  // Fingers on the stage: one paints; a second turns the touch into a pinch that zooms and pans, and the stroke
  // the first finger had begun is dropped (it was the start of the gesture, not a stroke).
  const touches = new Map();
  let pinch = null;

  function touchCentreAndSpread() {
    const [a, b] = [...touches.values()];
    return {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, spread: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y))};
  }

  function startPinch() {
    if (stroke) {
      stroke = null;
      maskCtx.clearRect(0, 0, maskCanvas.width, maskCanvas.height);
      history.forEach(draw);
    }
    activePointer = null;
    const at = touchCentreAndSpread();
    pinch = {scale: zoom.scale, spread: at.spread, x: at.x, y: at.y, zoomX: zoom.x, zoomY: zoom.y};
    cursor.hidden = true;
  }

  function movePinch() {
    const at = touchCentreAndSpread();
    const box = stage.getBoundingClientRect();
    const scale = Math.min(32, Math.max(0.02, pinch.scale * at.spread / pinch.spread));
    // The photo point that was under the fingers' centre stays under it as they move and spread.
    const ix = (pinch.x - box.left - pinch.zoomX) / pinch.scale;
    const iy = (pinch.y - box.top - pinch.zoomY) / pinch.scale;
    zoom.scale = scale;
    zoom.x = at.x - box.left - ix * scale;
    zoom.y = at.y - box.top - iy * scale;
    zoom.fitted = false;
    showView();
  }

  stage.addEventListener('pointerdown', (e) => {
    if (photo && e.pointerType === 'touch') {
      touches.set(e.pointerId, {x: e.clientX, y: e.clientY});
      stage.setPointerCapture(e.pointerId);
      if (touches.size === 2) {
        startPinch();
        e.preventDefault();
        return;
      }
      if (touches.size > 2 || pinch) {
        return;
      }
    }
    if (!photo || activePointer !== null) {
      return;
    }
    // Painting leaves a text field, so that the keys that follow are shortcuts again.
    if (typingIn(document.activeElement)) {
      document.activeElement.blur();
    }
    if (e.button === 1 || (e.button === 0 && spaceHeld)) {
      panning = {x: e.clientX - zoom.x, y: e.clientY - zoom.y};
      stage.classList.add('panning');
    } else if (e.button === 0) {
      const [x, y] = imagePoint(e);
      // The brush is sized on screen, so it paints what its circle covers at any zoom.
      stroke = {type: 'stroke', erase: tool === 'eraser', width: brushSize / zoom.scale, points: [x, y]};
      drawStep(maskCtx, stroke, 0);
    } else {
      return;
    }
    activePointer = e.pointerId;
    stage.setPointerCapture(e.pointerId);
    e.preventDefault();
  });

  stage.addEventListener('pointermove', (e) => {
    if (touches.has(e.pointerId)) {
      touches.set(e.pointerId, {x: e.clientX, y: e.clientY});
      if (pinch && touches.size === 2) {
        movePinch();
        return;
      }
    }
    moveCursor(e);
    if (activePointer !== e.pointerId) {
      return;
    }
    if (panning) {
      zoom.x = e.clientX - panning.x;
      zoom.y = e.clientY - panning.y;
      zoom.fitted = false;
      showView();
    } else if (stroke) {
      const events = e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
      for (const event of events.length ? events : [e]) {
        const [x, y] = imagePoint(event);
        const p = stroke.points;
        if (Math.hypot(x - p[p.length - 2], y - p[p.length - 1]) * zoom.scale >= 1) {
          p.push(x, y);
          drawStep(maskCtx, stroke, p.length - 2);
        }
      }
    }
  });

  function finishStroke() {
    if (stroke) {
      const done = stroke;
      stroke = null;
      history.push(done);
      undone.length = 0;
      updateButtons();
    }
  }

  function endPointer(e) {
    touches.delete(e.pointerId);
    if (pinch) {
      // The gesture ends with its last finger; one finger left over does not start painting.
      if (touches.size === 0) {
        pinch = null;
      }
      return;
    }
    if (activePointer !== e.pointerId) {
      return;
    }
    activePointer = null;
    finishStroke();
    panning = null;
    stage.classList.remove('panning');
  }

  stage.addEventListener('pointerup', endPointer);
  stage.addEventListener('pointercancel', endPointer);
  stage.addEventListener('pointerleave', () => {
    cursor.hidden = true;
  });
  stage.addEventListener('wheel', (e) => {
    if (!photo) {
      return;
    }
    e.preventDefault();
    const [sx, sy] = stagePoint(e);
    zoomAt(Math.exp(-e.deltaY * 0.002), sx, sy);
  }, {passive: false});

  function measureHeader() {
    document.documentElement.style.setProperty('--top', document.querySelector('.top').offsetHeight + 'px');
  }

  window.addEventListener('resize', () => {
    measureHeader();
    if (zoom.fitted) {
      fit();
    }
  });

  // ---- controls ----

  function setTool(name) {
    tool = name;
    $('tool-brush').setAttribute('aria-pressed', String(name === 'brush'));
    $('tool-eraser').setAttribute('aria-pressed', String(name === 'eraser'));
    cursor.classList.toggle('eraser', name === 'eraser');
    showInfo();
  }

  function setBrushSize(size) {
    brushSize = Math.max(2, Math.min(200, Math.round(size)));
    $('brush-size').value = String(brushSize);
    $('brush-size-value').textContent = String(brushSize);
    cursor.style.width = cursor.style.height = brushSize + 'px';
    showInfo();
  }

  function updateButtons() {
    $('undo').disabled = !history.length;
    $('redo').disabled = !undone.length;
    for (const id of ['clear-mask', 'invert-mask', 'save-mask', 'mask-file']) {
      $(id).disabled = !photo;
    }
    $('open-mask').classList.toggle('disabled', !photo);
  }

  $('photo-file').addEventListener('change', (e) => {
    const file = e.target.files[0];
    e.target.value = '';
    if (file) {
      openPhoto(file, file.name);
    }
  });
  $('mask-file').addEventListener('change', (e) => {
    const file = e.target.files[0];
    e.target.value = '';
    if (file) {
      loadMask(file);
    }
  });
  $('tool-brush').addEventListener('click', () => setTool('brush'));
  $('tool-eraser').addEventListener('click', () => setTool('eraser'));
  $('brush-size').addEventListener('input', (e) => setBrushSize(Number(e.target.value)));
  $('undo').addEventListener('click', undo);
  $('redo').addEventListener('click', redo);
  $('clear-mask').addEventListener('click', () => apply({type: 'clear'}));
  $('invert-mask').addEventListener('click', () => apply({type: 'invert'}));
  $('save-mask').addEventListener('click', saveMask);
  $('curl-save-mask').addEventListener('click', saveMask);
  $('zoom-in').addEventListener('click', () => zoomCentre(1.25));
  $('zoom-out').addEventListener('click', () => zoomCentre(0.8));
  $('zoom-fit').addEventListener('click', fit);
  fields.model.addEventListener('change', () => {
    localStorage.setItem(MODEL_STORE, fields.model.value);
    showModelStatus();
  });

  $('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const typed = $('api-key').value.trim();
    if (!typed) {
      setStatus($('key-status'), 'Paste your key into the box first.', 'bad');
      return;
    }
    if (/[^!-~]/.test(typed)) {
      // A header cannot carry it, and no key has such characters: something else was pasted along.
      setStatus($('key-status'), 'A key has only letters, digits, - and _; check what was pasted.', 'bad');
      return;
    }
    key = typed;
    loadModels();
  });
  $('forget-key').addEventListener('click', () => {
    key = '';
    localStorage.removeItem(KEY_STORE);
    showSavedKey();
    setStatus($('key-status'), 'Key forgotten.', '');
  });

  // ---- drop, paste and keys ----

  stage.addEventListener('dragover', (e) => {
    e.preventDefault();
    stage.classList.add('dragover');
  });
  stage.addEventListener('dragleave', () => stage.classList.remove('dragover'));
  stage.addEventListener('drop', (e) => {
    e.preventDefault();
    stage.classList.remove('dragover');
    const file = fileOf(e.dataTransfer);
    if (file) {
      openPhoto(file, file.name);
    }
  });
  // A file dropped beside the stage would otherwise replace the page.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());
  document.addEventListener('paste', (e) => {
    const file = fileOf(e.clipboardData);
    if (file) {
      e.preventDefault();
      openPhoto(file, file.name && file.name !== 'image.png' ? file.name : 'pasted.png');
    }
  });

  function typingIn(target) {
    return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
        || (target instanceof HTMLInputElement && !['range', 'file', 'button'].includes(target.type));
  }

  document.addEventListener('keydown', (e) => {
    if ($('curl-dialog').open) {
      return;
    }
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      form.requestSubmit();
      return;
    }
    if (typingIn(e.target)) {
      return;
    }
    const k = e.key.toLowerCase();
    if ((e.ctrlKey || e.metaKey) && (k === 'z' || k === 'y')) {
      e.preventDefault();
      (k === 'y' || e.shiftKey ? redo : undo)();
    } else if (e.ctrlKey || e.metaKey || e.altKey) {
      // leave the browser's own shortcuts alone
    } else if (k === 'b') {
      setTool('brush');
    } else if (k === 'e') {
      setTool('eraser');
    } else if (k === '[') {
      setBrushSize(brushSize * 0.8);
    } else if (k === ']') {
      setBrushSize(brushSize * 1.25 + 1);
    } else if (k === 'i' && photo && !e.repeat) {
      apply({type: 'invert'});
    } else if (k === '0') {
      fit();
    } else if (k === '+' || k === '=') {
      zoomCentre(1.25);
    } else if (k === '-') {
      zoomCentre(0.8);
    } else if (k === 'c') {
      document.body.classList.add('show-original');
    } else if (k === ' ' && !(e.target instanceof HTMLButtonElement) && photo) {
      e.preventDefault();
      spaceHeld = true;
      stage.classList.add('can-pan');
      cursor.hidden = true;
    }
  });
  document.addEventListener('keyup', (e) => {
    const k = e.key.toLowerCase();
    if (k === 'c') {
      document.body.classList.remove('show-original');
    } else if (k === ' ') {
      spaceHeld = false;
      stage.classList.remove('can-pan');
    }
  });
  window.addEventListener('blur', () => {
    spaceHeld = false;
    stage.classList.remove('can-pan');
    document.body.classList.remove('show-original');
  });

  // ---- the edit ----

  /** The form's fields as the API names them, in the order they are sent. */
  function requestFields() {
    const sent = [['prompt', fields.prompt.value], ['model', fields.model.value],
      ['magic_prompt_option', fields.magic.value], ['style_type', fields.style.value]];
    const seed = fields.seed.value.trim();
    if (seed) {
      sent.push(['seed', seed]);
    }
    sent.push(['num_images', fields.count.value.trim() || '1']);
    return sent;
  }

  /** Why the page cannot send the edit yet, or null. */
  function notReady() {
    if (!photo) {
      return 'Open a photo first.';
    }
    if (auth && !key) {
      return 'Enter your API key first (at the top of the page).';
    }
    return null;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (editing) {
      return;
    }
    const why = notReady();
    if (why) {
      showError(why);
      return;
    }
    const mask = exportMask();
    if (!mask.painted) {
      showError('The mask is empty: paint over what should change, or load a mask. An empty mask returns the photo'
          + ' unchanged.');
      return;
    }
    hideError();
    // Taken before anything is awaited, so that a second click or Ctrl+Enter cannot send it twice.
    editing = true;
    $('edit').disabled = true;
    const before = photo.url;
    editingBeforeUrl = before;
    const started = performance.now();
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
    const ticker = setInterval(() => setStatus($('elapsed'), `Editing… ${seconds()} s`, ''), 100);
    setStatus($('elapsed'), 'Editing… 0.0 s', '');
    try {
      const body = new FormData();
      body.append('image_file', photo.blob, photo.name);
      body.append('mask', await pngOf(mask.canvas), 'mask.png');
      for (const [name, value] of requestFields()) {
        body.append(name, value);
      }
      const response = await fetch('/ideogram/edit', {method: 'POST', headers: authHeaders(), body});
      if (!response.ok) {
        const message = await errorText(response);
        showError(message);
        setStatus($('elapsed'), `Failed after ${seconds()} s (HTTP ${response.status}).`, 'bad');
        if (response.status === 401) {
          setStatus($('key-status'), message, 'bad');
        }
        return;
      }
      const answer = await response.json();
      setStatus($('elapsed'), `Done in ${seconds()} s.`, 'good');
      showResults(answer.data, before);
    } catch (err) {
      showError('The request did not complete: ' + err.message);
      setStatus($('elapsed'), '', '');
    } finally {
      clearInterval(ticker);
      editingBeforeUrl = null;
      editing = false;
      $('edit').disabled = false;
    }
  });

  function showResults(images, beforeUrl) {
    if (resultsBeforeUrl && resultsBeforeUrl !== beforeUrl && (!photo || resultsBeforeUrl !== photo.url)) {
      URL.revokeObjectURL(resultsBeforeUrl);
    }
    resultsBeforeUrl = beforeUrl;
    const list = $('result-list');
    list.replaceChildren(...images.map((image) => resultCard(image, beforeUrl)));
    $('results').hidden = false;
    // How many edits have been shown: something to wait for, for a person's script as for the tests.
    $('results').dataset.edits = String(++edits);
    $('results').scrollIntoView({block: 'start'});
    // Until an image arrives the section has no height, so the page could not scroll far enough to show it.
    const first = list.querySelector('img.after');
    if (first) {
      first.addEventListener('load', () => $('results').scrollIntoView({block: 'start'}), {once: true});
    }
  }

  function resultCard(image, beforeUrl) {
    const card = $('result-template').content.firstElementChild.cloneNode(true);
    const compare = card.querySelector('.compare');
    const pick = (selector) => card.querySelector(selector);
    if (image.url) {
      pick('.before').src = beforeUrl;
      pick('.after').src = image.url;
      pick('.split').addEventListener('input', (e) => compare.style.setProperty('--split', e.target.value + '%'));
      pick('.download').href = image.url;
      pick('.download').download = `brushwork-${image.seed}.png`;
      if (!sameOrigin(image.url)) {
        // A browser saves only same-origin links as files; this one opens in a tab of its own instead.
        pick('.download').target = '_blank';
        pick('.download').rel = 'noopener';
        pick('.download').title = 'Opens in a new tab: the image is served from another origin';
      }
      pick('.continue').addEventListener('click', () => continueFrom(image));
    } else {
      const withheld = document.createElement('p');
      withheld.className = 'withheld';
      withheld.textContent = 'This image failed the safety check and was not kept.';
      compare.replaceWith(withheld);
      pick('.download').remove();
      pick('.continue').remove();
    }
    pick('.used-prompt').textContent = image.prompt
      ? 'Prompt used: ' + image.prompt : 'No prompt: filled from the surroundings.';
    pick('.facts').textContent = `Seed ${image.seed} · ${image.resolution} · style ${image.style_type}`;
    pick('.reuse-seed').addEventListener('click', () => {
      fields.seed.value = String(image.seed);
      fields.seed.focus();
    });
    return card;
  }

  function sameOrigin(url) {
    return new URL(url, location.href).origin === location.origin;
  }

  async function continueFrom(image) {
    try {
      const response = await fetch(image.url);
      if (!response.ok) {
        throw new Error(await errorText(response));
      }
      await openPhoto(await response.blob(), `brushwork-${image.seed}.png`);
      stage.scrollIntoView({block: 'center'});
      stage.focus({preventScroll: true});
    } catch (e) {
      showError('Could not fetch that result: ' + e.message + (sameOrigin(image.url) ? ''
        : '. It is served from another origin, which does not let this page read it: download it and open it'
          + ' with Open photo… instead.'));
    }
  }

  // ---- copy as curl ----

  function shellQuoted(text) {
    const value = String(text);
    if (/[\r\n]/.test(value)) {
      // A browser sends a form's line breaks as CRLF; bash's $'...' with \r\n sends the same bytes.
      return '$\'' + value.replace(/\\/g, '\\\\').replace(/'/g, '\\\'').replace(/\r\n|\r|\n/g, '\\r\\n') + '\'';
    }
    return '\'' + value.replace(/'/g, '\'\\\'\'') + '\'';
  }

  /** A file name as curl's -F reads it: quoted when it holds what curl would take as syntax. */
  function curlFile(name) {
    const path = name.startsWith('-') ? './' + name : name; // "@-" would read standard input
    return /^[\w./+-]+$/.test(path) ? path : '"' + path.replace(/["\\]/g, '\\$&') + '"';
  }

  function curlCommand() {
    const lines = ['curl --request POST ' + shellQuoted(location.origin + '/ideogram/edit')];
    if (auth) {
      lines.push('--header "Authorization: Bearer $BRUSHWORK_KEY"');
    }
    lines.push('--form ' + shellQuoted('image_file=@' + curlFile(photo.name)));
    lines.push('--form ' + shellQuoted('mask=@mask.png'));
    // --form-string: a value starting with @ or < is text, not a file to read.
    for (const [name, value] of requestFields()) {
      lines.push('--form-string ' + shellQuoted(name + '=' + value));
    }
    return lines.join(' \\\n  ');
  }

  $('copy-curl').addEventListener('click', async () => {
    if (!photo) {
      showError('Open a photo first: the command sends it.');
      return;
    }
    const text = curlCommand();
    const area = $('curl-text');
    area.value = text;
    $('curl-dialog').showModal();
    area.focus();
    area.select();
    setStatus($('curl-status'), `Needs ${photo.name} and mask.png in the folder it runs in.`, '');
    try {
      await navigator.clipboard.writeText(text);
      setStatus($('curl-status'), `Copied. It needs ${photo.name} and mask.png in the folder it runs in.`, 'good');
    } catch (ignored) {
      // Clipboard access needs https or localhost; the command is selected for Ctrl+C instead.
    }
  });

  // ---- start ----

  measureHeader();
  setBrushSize(brushSize);
  updateButtons();
  if (auth) {
    showSavedKey();
  }
  loadModels();
})();
