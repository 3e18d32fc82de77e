/**
 * Template folders: a brand overrides single files and falls back to the default brand
 * for the rest, partials included; HTML templates that would output unescaped values and
 * plain-text templates without a subject are refused when loaded; sets are cached.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleBrand, sampleCarriers, sampleOrder, statusFor } from './__fixtures__/sample-order.js';
import { NOTICE_EVENTS, type NoticeEvent } from './notice-event.js';
import { renderNotice } from './render-notice.js';
import { clearTemplateCache, defaultTemplatesDir, templatesFor, type Brand } from './templates.js';

const FIXTURES = join(import.meta.dirname, '__fixtures__');
const north: Brand = { id: 'north', name: 'North Goods', from: 'orders@north.example', templatesDir: join(FIXTURES, 'brand-north') };

function render(event: NoticeEvent, brand: Brand) {
  return renderNotice({ event, order: sampleOrder(), status: statusFor(event), brand, carriers: sampleCarriers });
}

describe('brand templates', () => {
  it('the default brand has every event in both formats', () => {
    const set = templatesFor(sampleBrand);
    expect(set.dir).toBe(defaultTemplatesDir());
    for (const event of NOTICE_EVENTS) {
      expect(set.source(event, 'txt')).toBe(join(defaultTemplatesDir(), `${event}.txt.hbs`));
      expect(set.source(event, 'html')).toBe(join(defaultTemplatesDir(), `${event}.html.hbs`));
    }
  });

  it('a brand that overrides one event uses its own files for it', () => {
    const notice = render('shipped', north);
    expect(notice.subject).toBe('North Goods: parcel news for K7QM-4TX9P');
    expect(notice.text).toBe('North brand shipped notice for K7QM-4TX9P.\n'
      + 'Follow it: https://www.ups.com/track?tracknum=1Z999AA10123456784\n'
      + 'Follow it: https://www.fedex.com/fedextrack/?trknbr=449044304137821\n');
    expect(notice.html).toContain('<p>North brand shipped notice for K7QM-4TX9P.</p>');
  });

  it('and falls back to the default brand’s files for every other event', () => {
    const brandedDefault: Brand = { ...north, templatesDir: undefined };
    for (const event of NOTICE_EVENTS.filter((e) => e !== 'shipped')) {
      expect(templatesFor(north).source(event, 'txt')).toBe(join(defaultTemplatesDir(), `${event}.txt.hbs`));
      expect(render(event, north)).toEqual(render(event, brandedDefault));
    }
    expect(render('received', north).text).toContain('Thank you for your order with North Goods.');
  });

  it('a brand’s partial replaces the default one in every event, its own and the fallbacks', () => {
    const brand: Brand = { ...north, templatesDir: join(FIXTURES, 'brand-partials') };
    for (const event of NOTICE_EVENTS) {
      const { text, html } = render(event, brand);
      expect(text).toMatch(/\n-- Sent with care by North Goods\n$/);
      expect(html).toContain('<p>-- Sent with care by North Goods</p>');
      expect(text).not.toContain('Questions?');
    }
  });

  it('refuses an HTML template that would output a value unescaped', () => {
    const brand: Brand = { ...north, templatesDir: join(FIXTURES, 'brand-unsafe') };
    expect(() => render('received', brand)).toThrow(/received\.html\.hbs outputs without HTML escaping \(line 2\)/);
  });

  it('refuses a plain-text template without its Subject line', () => {
    const brand: Brand = { ...north, templatesDir: join(FIXTURES, 'brand-no-subject') };
    expect(() => render('received', brand)).toThrow(/received\.txt\.hbs must start with a "Subject: …" line/);
  });

  it('refuses a templates folder that does not exist', () => {
    const brand: Brand = { ...north, templatesDir: join(FIXTURES, 'no-such-brand') };
    expect(() => render('received', brand)).toThrow(/no-such-brand does not exist/);
  });

  it('compiles each folder once', () => {
    clearTemplateCache();
    const first = templatesFor(north);
    expect(templatesFor({ templatesDir: join(FIXTURES, 'brand-north') })).toBe(first);
    expect(templatesFor(sampleBrand)).toBe(templatesFor({}));
    clearTemplateCache();
    expect(templatesFor(north)).not.toBe(first);
  });

  it('a misspelt variable is an error naming the template, not an empty field', () => {
    const brand: Brand = { ...north, templatesDir: join(FIXTURES, 'brand-typo') };
    expect(() => render('received', brand)).toThrow(/brand-typo\/received\.txt\.hbs: "nmae" not defined/);
  });
});
