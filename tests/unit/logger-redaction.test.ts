/**
 * The logger never writes personal data, card numbers or secrets, whatever shape
 * they are logged in, and keeps the fields an operator searches by.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/obs/logger.js';
import { luhnValid, scrubText, scrubValue } from '../../src/obs/scrub.js';
import { TransientError } from '../../src/sdk/errors/index.js';

const EMAIL = 'ada.lovelace+orders@example.co.uk';
const PHONE = '+44 20 7123 4567';
const PHONE_E164 = '+442071234567';
const PAN = '4111 1111 1111 1111';
const PAN_DIGITS = '4111111111111111';
const SECRETS = ['hunter2-password', 'shh-secret-value', 'tok_live_abc123', 'api-token-xyz', 'Bearer abc.def.ghi'];
const PERSONAL = [EMAIL, PHONE, PHONE_E164, PAN, PAN_DIGITS, '4111-1111-1111-1111', 'Ada Lovelace', '12 Analytical Row', ...SECRETS];

/** A logger writing into memory; `lines()` gives the parsed records, `text()` the raw output. */
function capture(level = 'info') {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  const log = createLogger({ destination, level, name: 'test' });
  const text = async () => {
    await new Promise((done) => setImmediate(done));
    return chunks.join('');
  };
  const lines = async () => (await text()).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { log, text, lines };
}

async function expectClean(output: string) {
  for (const value of PERSONAL) expect(output, `leaked ${value}`).not.toContain(value);
}

const customer = { name: 'Ada Lovelace', email: EMAIL, phone: PHONE_E164, address: { line1: '12 Analytical Row' } };

describe('logger', () => {
  it('keeps orderId, connector and stage and drops customer, secrets, e-mails, phones and card numbers', async () => {
    const { log, text, lines } = capture();
    log.info({
      orderId: '01HZX3K9Q8M2N4P6R8T0V2W4Y6', connector: 'web-shop', stage: 'normalize',
      customer, billTo: { name: 'Ada Lovelace' },
      password: SECRETS[0], secret: SECRETS[1], token: SECRETS[2], apiToken: SECRETS[3], authorization: SECRETS[4],
      note: `call ${PHONE} or write to ${EMAIL}; card ${PAN}`,
    }, 'order normalized');
    const output = await text();
    await expectClean(output);
    const [line] = await lines();
    expect(line).toMatchObject({
      orderId: '01HZX3K9Q8M2N4P6R8T0V2W4Y6', connector: 'web-shop', stage: 'normalize', msg: 'order normalized',
      customer: '[redacted]', billTo: '[redacted]', password: '[redacted]', secret: '[redacted]', token: '[redacted]',
      note: 'call [phone] or write to [email]; card [PAN]',
    });
  });

  it('drops personal and secret fields however deep they are nested', async () => {
    const { log, text, lines } = capture();
    log.info({ orderId: 'O1', order: { customer } }, 'two levels');
    log.info({ orderId: 'O2', job: { data: { order: { customer, payment: { token: SECRETS[2] } } } } }, 'four levels');
    log.info({ orderId: 'O3', instance: { config: { settings: { password: SECRETS[0] } } } }, 'settings');
    log.info({ orderId: 'O4', request: { headers: { authorization: SECRETS[4], cookie: 'session=abc' } } }, 'headers');
    const output = await text();
    await expectClean(output);
    expect(output).not.toContain('session=abc');
    const records = await lines();
    expect(records.map((r) => r.orderId)).toEqual(['O1', 'O2', 'O3', 'O4']);
    expect(records[1]).toMatchObject({ job: { data: { order: { customer: '[redacted]', payment: { token: '[redacted]' } } } } });
  });

  it('masks e-mails, phones and card numbers in messages and format arguments', async () => {
    const { log, text, lines } = capture();
    log.info(`mail from ${EMAIL} about card ${PAN_DIGITS}`);
    log.warn({ orderId: 'O1' }, 'customer %s rang from %s', EMAIL, PHONE);
    log.info({ orderId: 'O2' }, 'payload %j', { email: EMAIL, remark: `pan ${PAN}` });
    await expectClean(await text());
    expect((await lines())[0]!.msg).toBe('mail from [email] about card [PAN]');
  });

  it('masks card numbers logged as numbers, but not timestamps or other numbers', async () => {
    const { log, lines } = capture();
    log.info({ orderId: 'O1', card: Number(PAN_DIGITS), amex: 378282246310005, at: 1_714_557_600_000, total: 3195, notLuhn: 4111111111111112 });
    const [line] = await lines();
    expect(line).toMatchObject({ card: '[PAN]', amex: '[PAN]', at: 1_714_557_600_000, total: 3195, notLuhn: 4111111111111112 });
  });

  it('leaves digit runs that are not card numbers alone', async () => {
    const { log, lines } = capture();
    log.info({ orderId: 'O1', externalRef: 'OMS-1234567890123', tracking: '1Z999AA10123456784', notCard: '4111 1111 1111 1112' });
    expect((await lines())[0]).toMatchObject({ externalRef: 'OMS-1234567890123', tracking: '1Z999AA10123456784', notCard: '4111 1111 1111 1112' });
  });

  it('logs errors under err with type, code, kind and a scrubbed message, without throwing', async () => {
    const { log, text, lines } = capture();
    const failure = new TransientError(`POST http://oms/orders failed for ${EMAIL}`, { code: 'HTTP_503', retryAfterMs: 1000 });
    expect(() => log.warn({ orderId: 'O1', connector: 'oms-main', stage: 'deliver', err: failure }, 'stage failed')).not.toThrow();
    expect(() => log.error({ err: new Error(`plain error for ${PHONE_E164}`) }, 'plain')).not.toThrow();
    expect(() => log.error({ err: `just text with ${EMAIL}` }, 'text as err')).not.toThrow();
    await expectClean(await text());
    const [first, second, third] = await lines();
    expect(first).toMatchObject({
      orderId: 'O1', connector: 'oms-main', stage: 'deliver', msg: 'stage failed',
      err: { type: 'TransientError', kind: 'transient', code: 'HTTP_503', message: 'POST http://oms/orders failed for [email]' },
    });
    expect(second).toMatchObject({ err: { type: 'Error', message: 'plain error for [phone]' } });
    expect(third).toMatchObject({ err: 'just text with [email]' });
  });

  it('scrubs the message pino takes from an error logged on its own', async () => {
    const { log, text, lines } = capture();
    log.error(new Error(`no such customer ${EMAIL}`));
    log.error({ err: new Error(`card ${PAN} declined`), orderId: 'O9' });
    await expectClean(await text());
    const [first, second] = await lines();
    expect(first).toMatchObject({ msg: 'no such customer [email]', err: { message: 'no such customer [email]' } });
    expect(second).toMatchObject({ msg: 'card [PAN] declined', orderId: 'O9' });
  });

  it('cleans the bindings of child loggers, and of their children', async () => {
    const { log, text, lines } = capture();
    const child = log.child({ connector: 'web-shop', customer, contact: EMAIL });
    child.child({ stage: 'notify', phone: PHONE_E164, remark: `card ${PAN}` }).info({ orderId: 'O1' }, 'notified');
    await expectClean(await text());
    expect((await lines())[0]).toMatchObject({ connector: 'web-shop', stage: 'notify', orderId: 'O1', customer: '[redacted]', contact: '[email]' });
  });

  it('replaces what is nested too deep to check instead of writing it unscrubbed', async () => {
    const { log, text } = capture();
    let deep: Record<string, unknown> = { contact: EMAIL };
    for (let i = 0; i < 12; i++) deep = { level: deep };
    log.info({ orderId: 'O1', deep });
    const output = await text();
    expect(output).not.toContain(EMAIL);
    expect(output).toContain('[truncated]');
  });

  it('writes nothing below its level', async () => {
    const { log, text } = capture('warn');
    log.info({ orderId: 'O1' }, 'hidden');
    log.warn({ orderId: 'O2' }, 'shown');
    const output = await text();
    expect(output).not.toContain('hidden');
    expect(output).toContain('"orderId":"O2"');
  });
});

describe('scrubText and scrubValue', () => {
  it.each([
    [`write to ${EMAIL}`, 'write to [email]'],
    [`ring ${PHONE_E164} now`, 'ring [phone] now'],
    ['ring +1 (415) 555-0123 now', 'ring [phone] now'],
    [`card ${PAN}.`, 'card [PAN].'],
    ['card 4111-1111-1111-1111', 'card [PAN]'],
    [`card ${PAN} declined`, 'card [PAN] declined'],
    ['amex 378282246310005', 'amex [PAN]'],
    ['order 4111111111111112 (not Luhn)', 'order 4111111111111112 (not Luhn)'],
    ['short 4242 4242', 'short 4242 4242'],
    ['nothing personal', 'nothing personal'],
  ])('%j → %j', (input, output) => {
    expect(scrubText(input)).toBe(output);
  });

  it('luhnValid checks the Luhn sum', () => {
    expect(luhnValid(PAN_DIGITS)).toBe(true);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });

  it('scrubValue copies without changing its input and keeps error messages', () => {
    const input = { a: [EMAIL, { b: PAN }], n: 1, ok: true, none: null };
    const copy = structuredClone(input);
    expect(scrubValue(input)).toEqual({ a: ['[email]', { b: '[PAN]' }], n: 1, ok: true, none: null });
    expect(input).toEqual(copy);
    expect(scrubValue(new RangeError(`bad ${EMAIL}`))).toEqual({ type: 'RangeError', message: 'bad [email]' });
  });
});
