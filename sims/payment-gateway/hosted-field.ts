/**
 * `GET /hosted-field`: a tiny self-contained card form, as a storefront or agent desk
 * embeds it in an iframe. It posts the card to `/v1/tokens` on this gateway with the
 * publishable key from its own `?key=` and hands only `{ token, lastFour }` to the
 * parent page by `postMessage` (to `?origin=` when given, else `*`); opened on its own
 * (beside the hub's agent desk, which runs no script) it shows the token to copy. No external
 * assets; the inline script is allowed by its hash in the Content-Security-Policy.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';

const SCRIPT = `
const params = new URLSearchParams(location.search);
const form = document.getElementById('card');
const problem = document.getElementById('problem');
const result = document.getElementById('token');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  problem.textContent = '';
  result.textContent = '';
  const fields = new FormData(form);
  const card = {
    number: String(fields.get('number') || ''),
    expMonth: Number(fields.get('expMonth')),
    expYear: Number(fields.get('expYear')),
    cvc: String(fields.get('cvc') || ''),
  };
  try {
    const answer = await fetch('/v1/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + (params.get('key') || '') },
      body: JSON.stringify(card),
    });
    const data = await answer.json();
    if (!answer.ok) {
      problem.textContent = data.error ? data.error.message : 'the card was not accepted';
      return;
    }
    form.reset();
    // Opened on its own beside a page that runs no script (the hub's agent desk): show the token to copy.
    result.textContent = 'Card accepted: token ' + data.token + ' (ending ' + data.lastFour + ')';
    window.parent.postMessage({ token: data.token, lastFour: data.lastFour }, params.get('origin') || '*');
  } catch (error) {
    problem.textContent = 'the payment service cannot be reached: try again in a moment';
  }
});
`;

const STYLE = `
body { font: 15px system-ui, sans-serif; margin: 0; padding: 8px; }
label { display: block; margin: 6px 0; }
input { font: inherit; padding: 4px; }
.row { display: flex; gap: 8px; }
#problem { color: #b00020; min-height: 1.2em; }
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Card details</title>
<style>${STYLE}</style>
</head>
<body>
<form id="card" autocomplete="on">
  <label>Card number <input name="number" inputmode="numeric" autocomplete="cc-number" maxlength="23" required></label>
  <div class="row">
    <label>Month <input name="expMonth" inputmode="numeric" autocomplete="cc-exp-month" size="2" maxlength="2" required></label>
    <label>Year <input name="expYear" inputmode="numeric" autocomplete="cc-exp-year" size="4" maxlength="4" required></label>
    <label>CVC <input name="cvc" inputmode="numeric" autocomplete="cc-csc" size="4" maxlength="4" required></label>
  </div>
  <button type="submit">Use this card</button>
  <p id="problem" role="alert"></p>
</form>
<p id="token" role="status"></p>
<script>${SCRIPT}</script>
</body>
</html>
`;

const hashOf = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src ${hashOf(SCRIPT)}`,
  `style-src ${hashOf(STYLE)}`,
  "connect-src 'self'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

export function createHostedFieldRoutes(): Hono {
  const app = new Hono();
  app.get('/', (c) => c.html(PAGE, 200, {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  }));
  return app;
}
