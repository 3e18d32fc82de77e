/**
 * Outbound XML rendering: escaping, attributes, element order, repeated elements,
 * declaration and indentation, and the JSON rendering of object mappings.
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { compileMapping, renderMapping, type FieldsSpec } from '../../src/mapping/index.js';

function xmlMapping(fields: FieldsSpec, xml: Record<string, unknown> = { root: 'Doc' }) {
  return compileMapping({ id: 'xml', version: '1', from: 'canonical/order@1', to: 'xml', format: 'xml', xml, fields });
}

describe('XML rendering', () => {
  it('escapes <, & and quotes in text and attributes', () => {
    const mapping = xmlMapping({ '/Item/@code': { path: '/code' }, '/Item/Text': { path: '/text' } }, { root: 'Doc', indent: 0 });
    const { body, contentType } = mapping.render({ code: 'A"<&>\'', text: 'Salt & Pepper <Large> "x"' });
    expect(contentType).toBe('application/xml; charset=utf-8');
    expect(body).toBe('<Doc><Item code="A&quot;&lt;&amp;&gt;&apos;"><Text>Salt &amp; Pepper &lt;Large&gt; &quot;x&quot;</Text></Item></Doc>');
    expect(body).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(body) as { Doc: { Item: { '@code': string; Text: string } } };
    expect(parsed.Doc.Item['@code']).toBe('A"<&>\'');
    expect(parsed.Doc.Item.Text).toBe('Salt & Pepper <Large> "x"');
  });

  it('follows the order of the fields keys, not the order of the input', () => {
    const mapping = xmlMapping({ '/Z': { path: '/a' }, '/A': { path: '/z' }, '/M/Two': { const: 2 }, '/M/One': { const: 1 } }, { root: 'R', indent: 0 });
    expect(mapping.render({ z: 'z', a: 'a' }).body).toBe('<R><Z>a</Z><A>z</A><M><Two>2</Two><One>1</One></M></R>');
  });

  it('renders repeated elements with attributes, text nodes and root attributes', () => {
    const mapping = xmlMapping({
      '/Lines/Line': {
        each: '/lines',
        fields: {
          '/@number': { pipe: ['lineNumber'] },
          '/Item': { path: '/sku' },
          '/Price/@currency': { path: '$/currency' },
          '/Price/#text': { path: '/price', pipe: [{ fromMinor: { currencyPath: '$/currency' } }] },
          '/Gift': { const: true, when: { path: '/gift', equals: true } },
        },
      },
    }, { root: 'Order', declaration: true, attributes: { version: '1' }, indent: 2 });
    const { body } = mapping.render({ currency: 'USD', lines: [{ sku: 'A', price: 1250, gift: true }, { sku: 'B', price: 5 }] });
    expect(body).toBe([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Order version="1">',
      '  <Lines>',
      '    <Line number="1">',
      '      <Item>A</Item>',
      '      <Price currency="USD">12.50</Price>',
      '      <Gift>true</Gift>',
      '    </Line>',
      '    <Line number="2">',
      '      <Item>B</Item>',
      '      <Price currency="USD">0.05</Price>',
      '    </Line>',
      '  </Lines>',
      '</Order>',
      '',
    ].join('\n'));
  });

  it('leaves out absent optional groups and keeps "true" attributes as values', () => {
    const mapping = xmlMapping({
      '/@test': { const: 'true' },
      '/ShipTo': { with: '/shipTo', optional: true, fields: { '/City': { path: '/city' } } },
      '/Id': { path: '/id' },
    }, { root: 'R', indent: 0 });
    expect(mapping.render({ id: 1 }).body).toBe('<R test="true"><Id>1</Id></R>');
    expect(mapping.render({ id: 1, shipTo: { city: 'Oslo' } }).body).toBe('<R test="true"><ShipTo><City>Oslo</City></ShipTo><Id>1</Id></R>');
  });

  it('apply returns the element tree and renderMapping equals render', () => {
    const mapping = xmlMapping({ '/A/@x': { const: 1 }, '/A/B': { const: 'b' } }, { root: 'R', indent: 0 });
    expect(mapping.apply({})).toEqual({ A: { '@x': 1, B: 'b' } });
    expect(renderMapping(mapping, {})).toEqual(mapping.render({}));
  });
});

describe('JSON rendering', () => {
  it('object and json mappings render compact JSON', () => {
    const mapping = compileMapping({ id: 'j', version: '1', from: 'a', to: 'b', format: 'json', fields: { '/b': { path: '/a' } } });
    expect(mapping.render({ a: '<&>' })).toEqual({ body: '{"b":"<&>"}', contentType: 'application/json' });
  });
});
