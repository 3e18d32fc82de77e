/**
 * The ZPL II label for thermal printers: 4×6 in at 203 dpi (812×1218 dots), UTF-8
 * (`^CI28`), the tracking number in a Code 128 field (`^BC`, automatic subsets).
 * Field data is hex-escaped (`^FH`) so a `^` or `~` in an address cannot end a field.
 */
import { addressLines, footerLine, groupedTrackingNumber, serviceLetter, type LabelContent } from './label-content.js';

export function renderZplLabel(content: LabelContent): string {
  return [
    '^XA',
    '^CI28',
    '^PW812',
    '^LL1218',
    '^LH0,0',
    ...header(content),
    ...addresses(content),
    ...tracking(content),
    '^XZ',
    '',
  ].join('\n');
}

function header(content: LabelContent): string[] {
  return [
    text(30, 30, 56, 'ParcelCo'),
    '^FO640,20^GB150,120,120^FS',
    `^FO672,36^A0N,100,100^FR${field(serviceLetter(content.service))}`,
    text(30, 100, 22, 'FROM:'),
    ...addressLines(content.shipFrom).map((line, index) => text(110, 100 + index * 26, 22, line)),
    '^FO30,250^GB752,4,4^FS',
  ];
}

function addresses(content: LabelContent): string[] {
  return [
    text(30, 280, 28, 'SHIP TO:'),
    ...addressLines(content.shipTo).map((line, index) => text(80, 325 + index * 50, index === 0 ? 44 : 38, line)),
    '^FO30,620^GB752,4,4^FS',
  ];
}

function tracking(content: LabelContent): string[] {
  return [
    text(30, 650, 44, `PARCELCO ${content.service}`),
    text(30, 705, 30, `TRACKING #: ${groupedTrackingNumber(content.trackingNumber)}`),
    `^FO60,770^BY3^BCN,240,Y,N,N,A${field(content.trackingNumber)}`,
    '^FO30,1110^GB752,4,4^FS',
    text(30, 1135, 24, footerLine(content)),
  ];
}

/** A line of text in the scalable font at (x, y), `size` dots tall. */
function text(x: number, y: number, size: number, value: string): string {
  return `^FO${x},${y}^A0N,${size},${size}${field(value)}`;
}

/** `^FH^FD…^FS` with `_`, `^` and `~` hex-escaped (and line breaks dropped). */
export function field(value: string): string {
  const escaped = value
    .replace(/[\r\n]+/g, ' ')
    .replace(/[_^~]/g, (char) => `_${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `^FH^FD${escaped}^FS`;
}
