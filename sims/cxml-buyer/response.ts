/**
 * cXML Response documents on the buyer's side: the one it answers each status document
 * with, and reading the Status of the one the hub answers an OrderRequest with.
 */
import { attrOf, childOf, escapeXml, parseCxml, textOf } from './xml.js';

export interface CxmlStatus {
  code: number;
  text: string;
  /** The Status element's content: what went wrong, in words. */
  detail?: string;
  /** The Response's own payloadID. */
  payloadID?: string;
}

let answers = 0;

export function renderResponse(code: number, text: string, detail?: string): string {
  answers += 1;
  const payloadID = `${Date.now()}.${process.pid}.${answers}@procurement.acme-industrial.example`;
  const content = detail === undefined ? '/>' : ` xml:lang="en">${escapeXml(detail)}</Status>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">',
    `<cXML payloadID="${payloadID}" timestamp="${new Date().toISOString()}">`,
    `  <Response><Status code="${code}" text="${escapeXml(text)}"${content}</Response>`,
    '</cXML>',
    '',
  ].join('\n');
}

/** The Status of a cXML Response; throws when the text is no cXML Response. */
export function readResponse(xml: string): CxmlStatus {
  const root = childOf(parseCxml(xml), 'cXML');
  const status = childOf(childOf(root, 'Response'), 'Status');
  const code = Number(attrOf(status, 'code'));
  if (!Number.isInteger(code)) throw new Error('the answer is no cXML Response with a Status code');
  const detail = textOf(status);
  const payloadID = attrOf(root, 'payloadID');
  return { code, text: attrOf(status, 'text') ?? '', ...(detail ? { detail } : {}), ...(payloadID ? { payloadID } : {}) };
}
