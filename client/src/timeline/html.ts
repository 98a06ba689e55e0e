// The rollout timeline page: a strict Content-Security-Policy (nothing from the network, no inline code
// without the page's nonce), the theme's own colours (VS Code's --vscode-* variables), and the script from
// webview.ts inlined under the nonce.
import { randomBytes } from 'crypto';
import { webviewMain, type AssumptionField } from './webview';

export function newNonce(): string {
  return randomBytes(18)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
}

const PAGE_CSS = `
body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);color:var(--vscode-foreground);background:var(--vscode-editor-background);padding:0 16px 24px}
h1{font-size:1.3em;margin:14px 0 10px}h2{font-size:1.05em;margin:18px 0 6px}
#timeline{overflow-x:auto;border:1px solid var(--vscode-panel-border,transparent);padding:6px 0}
#timeline svg{display:block}
.layout{display:flex;flex-wrap:wrap;gap:8px 32px}.layout>section{flex:1 1 380px;min-width:320px}
ol#windows{padding-left:1.6em}ol#windows li{margin:3px 0;padding:2px 4px;border-radius:3px}
ol#windows li:focus{outline:1px solid var(--vscode-focusBorder);outline-offset:1px}
ol#windows li.selected{background:var(--vscode-list-activeSelectionBackground);color:var(--vscode-list-activeSelectionForeground)}
button{font:inherit;color:var(--vscode-button-foreground);background:var(--vscode-button-background);border:1px solid var(--vscode-button-border,transparent);padding:2px 8px;border-radius:2px;cursor:pointer}
button:hover{background:var(--vscode-button-hoverBackground)}button:focus-visible{outline:1px solid var(--vscode-focusBorder);outline-offset:2px}
button.secondary{color:var(--vscode-button-secondaryForeground);background:var(--vscode-button-secondaryBackground)}
.field{display:grid;grid-template-columns:14em 6em;gap:2px 10px;align-items:center;margin:4px 0}
.field .help{grid-column:1/3;color:var(--vscode-descriptionForeground);font-size:.92em}
input{font:inherit;color:var(--vscode-input-foreground);background:var(--vscode-input-background);border:1px solid var(--vscode-settings-numberInputBorder,var(--vscode-input-border,var(--vscode-panel-border,#8888)));padding:2px 4px}
input:focus{outline:1px solid var(--vscode-focusBorder)}
.help{color:var(--vscode-descriptionForeground)}
.actions{margin-top:8px;display:flex;gap:8px}
#status{min-height:1.3em;margin:6px 0 0;color:var(--vscode-descriptionForeground)}
.model{color:var(--vscode-descriptionForeground);font-size:.92em;max-width:70em}
`;

export function timelineHtml(options: { nonce: string; cspSource: string; title: string; fields: AssumptionField[] }): string {
  const { nonce } = options;
  // No img-src, font-src or connect-src: the page loads nothing. Styles and the script carry the nonce (the
  // SVG's own <style> too: the server renders it with this nonce).
  const csp = [`default-src 'none'`, `style-src 'nonce-${nonce}' ${options.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  // The fields go into the script as JSON; "<" is escaped so no value can close the script element.
  const fields = JSON.stringify(options.fields).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(options.title)}</title>
<style nonce="${nonce}">${PAGE_CSS}</style>
</head>
<body>
<header>
<h1 id="title">${escape(options.title)}</h1>
</header>
<main>
<section id="timeline" aria-label="Rollout timeline. Failure windows are focusable: Tab to one, Enter selects it in the list."></section>
<p id="status" role="status" aria-live="polite"></p>
<div class="layout">
<section aria-labelledby="windows-heading">
<h2 id="windows-heading">Failure windows</h2>
<ol id="windows"></ol>
<div id="notes-section" hidden><h2>Notes</h2><ul id="notes"></ul></div>
</section>
<section aria-labelledby="assumptions-heading">
<h2 id="assumptions-heading">Assumptions</h2>
<form id="assumptions">
<div class="actions"><button type="submit">Simulate</button><button type="button" class="secondary" id="defaults">Defaults</button></div>
</form>
</section>
</div>
<p class="model">A model, not a measurement: the timeline follows what the Deployment and StatefulSet controllers and the kubelet do with this manifest's settings, under the assumptions above. Real clusters add scheduling delays, image caches, probe jitter and uneven traffic.</p>
</main>
<script nonce="${nonce}">(${webviewMain.toString()})(acquireVsCodeApi(), ${fields});</script>
</body>
</html>`;
}
