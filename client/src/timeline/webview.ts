/// <reference lib="dom" />
// The script of the rollout timeline webview. It runs in the webview, not in the extension host: html.ts
// inlines `webviewMain.toString()` into the page under a nonce, so this function must be self-contained (no
// imports, no outer variables; types are erased). It draws what the extension posts ('render'), sends the
// edited assumptions back, selects a failure window from the picture or the list (mouse or keyboard), and
// asks the extension to apply a rule's quick fix.
import type {
  AssumptionField as SharedAssumptionField,
  Assumptions,
  FromWebview,
  TimelineResult,
  TimelineWindow,
  ToWebview,
} from './protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
}

/** What the page needs of an assumption (its default comes with every render). */
export type AssumptionField = Omit<SharedAssumptionField, 'defaultValue'>;

export function webviewMain(vscode: VsCodeApi, fields: AssumptionField[]): void {
  const byId = (id: string) => document.getElementById(id) as HTMLElement;
  const timeline = byId('timeline');
  const list = byId('windows');
  const notes = byId('notes');
  const status = byId('status');
  const form = byId('assumptions') as HTMLFormElement;
  let selected = -1;
  let current: TimelineResult | undefined;

  // The form: one number input per assumption, labelled and described.
  for (const field of fields) {
    const row = document.createElement('div');
    row.className = 'field';
    const label = document.createElement('label');
    label.htmlFor = `a-${field.key}`;
    label.textContent = `${field.label} (s)`;
    const input = document.createElement('input');
    input.type = 'number';
    input.id = `a-${field.key}`;
    input.name = field.key;
    input.min = '0';
    input.max = String(field.max);
    input.step = '0.5';
    input.setAttribute('aria-describedby', `h-${field.key}`);
    const help = document.createElement('span');
    help.id = `h-${field.key}`;
    help.className = 'help';
    help.textContent = field.help;
    row.append(label, input, help);
    form.insertBefore(row, form.querySelector('.actions'));
  }

  const readForm = (): Assumptions => {
    const out: Assumptions = {};
    for (const field of fields) {
      const input = byId(`a-${field.key}`) as HTMLInputElement;
      const value = Number(input.value);
      if (input.value !== '' && Number.isFinite(value) && value >= 0 && value <= field.max) out[field.key] = value;
    }
    return out;
  };

  let pending: ReturnType<typeof setTimeout> | undefined;
  form.addEventListener('input', () => {
    // Re-simulate once typing pauses; the simulation is cheap, the round trip is not free.
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => vscode.postMessage({ type: 'assumptions', assumptions: readForm() }), 250);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    vscode.postMessage({ type: 'assumptions', assumptions: readForm() });
  });
  byId('defaults').addEventListener('click', () => vscode.postMessage({ type: 'assumptions', assumptions: {} }));

  const select = (index: number, focusList: boolean) => {
    selected = index;
    for (const element of Array.from(document.querySelectorAll('.selected'))) element.classList.remove('selected');
    const band = timeline.querySelector(`[data-window="${index}"]`);
    const item = document.getElementById(`window-${index}`);
    band?.classList.add('selected');
    item?.classList.add('selected');
    if (focusList && item) {
      item.focus();
      item.scrollIntoView({ block: 'nearest' });
    }
  };

  const renderWindows = (windows: TimelineWindow[], fixable: string[]) => {
    list.textContent = '';
    if (windows.length === 0) {
      const item = document.createElement('li');
      item.className = 'none';
      item.textContent = 'No failure window under these assumptions.';
      list.append(item);
      return;
    }
    for (const window of windows) {
      const item = document.createElement('li');
      item.id = `window-${window.index}`;
      item.tabIndex = -1;
      item.className = `window window-${window.kind}`;
      const text = document.createElement('span');
      text.textContent = window.label;
      item.append(text);
      item.addEventListener('click', () => select(window.index, false));
      if (window.ruleId && fixable.includes(window.ruleId)) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = `Apply quick fix (${window.ruleId})`;
        button.addEventListener('click', () => {
          status.textContent = `Applying the quick fix for ${window.ruleId}…`;
          vscode.postMessage({ type: 'fix', ruleId: window.ruleId! });
        });
        item.append(' ', button);
      } else if (window.ruleId) {
        const note = document.createElement('span');
        note.className = 'help';
        note.textContent = ` No ${window.ruleId} finding on this object to fix: change the manifest or the assumptions.`;
        item.append(note);
      }
      list.append(item);
    }
  };

  const render = (message: Extract<ToWebview, { type: 'render' }>) => {
    const { result } = message;
    const wasMissing = current !== undefined && !current.found;
    current = result;
    if (!result.found) {
      timeline.textContent = '';
      list.textContent = '';
      notes.textContent = '';
      status.textContent = result.message;
      return;
    }
    if (wasMissing) status.textContent = '';
    // The summary is the SVG's own heading (and its accessible name).
    byId('title').textContent = `Rollout timeline: ${result.kind}${result.name ? ` ${result.name}` : ''}`;
    // The SVG comes from our own server (engine/simulation/svg.ts): manifest text in it is escaped, and the
    // page's CSP would block any script in it anyway.
    timeline.innerHTML = result.svg;
    for (const band of Array.from(timeline.querySelectorAll<SVGGElement>('g.failure'))) {
      const index = Number(band.getAttribute('data-window'));
      band.addEventListener('click', () => select(index, true));
      band.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          select(index, true);
        }
      });
    }
    renderWindows(result.windows, message.fixable);
    notes.textContent = '';
    for (const note of result.simulation.notes) {
      const item = document.createElement('li');
      item.textContent = note;
      notes.append(item);
    }
    byId('notes-section').hidden = result.simulation.notes.length === 0;
    // Keep what the user is typing; show the values in effect everywhere else.
    for (const field of fields) {
      const input = byId(`a-${field.key}`) as HTMLInputElement;
      if (document.activeElement !== input) input.value = String(message.assumptions[field.key] ?? message.defaults[field.key] ?? '');
      input.placeholder = String(message.defaults[field.key] ?? '');
    }
    if (selected >= 0 && selected < result.windows.length) select(selected, false);
    else selected = -1;
  };

  window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
    const message = event.data;
    if (message.type === 'render') render(message);
    else if (message.type === 'status') status.textContent = message.message;
  });
  vscode.postMessage({ type: 'ready' });
}
