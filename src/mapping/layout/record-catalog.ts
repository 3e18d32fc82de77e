/**
 * The record kinds of a render layout by name, with their fields by name, found before
 * anything is compiled so that aggregates can refer to records written anywhere in the
 * file. Record names must be unique in the file and field names unique in a record.
 */
import type { LayoutFieldSpec, RenderRecordSpec } from '../mapping-file-types.js';

export interface CatalogEntry {
  readonly at: string;
  readonly fields: ReadonlyMap<string, LayoutFieldSpec>;
}

export type RecordCatalog = ReadonlyMap<string, CatalogEntry>;

export type ReportAt = (at: string, message: string) => void;

export function fieldsOf(spec: RenderRecordSpec): readonly LayoutFieldSpec[] {
  return spec.fields ?? spec.columns ?? [];
}

export function fieldsKey(spec: RenderRecordSpec): 'fields' | 'columns' {
  return spec.columns ? 'columns' : 'fields';
}

export function catalogRecords(specs: readonly RenderRecordSpec[], at: string, report: ReportAt): RecordCatalog {
  const catalog = new Map<string, CatalogEntry>();
  const visit = (list: readonly RenderRecordSpec[], listAt: string) => {
    list.forEach((spec, i) => {
      const recordAt = `${listAt}/${i}`;
      const previous = catalog.get(spec.name);
      if (previous) report(`${recordAt}/name`, `record name ${spec.name} is already used at ${previous.at}`);
      else catalog.set(spec.name, { at: recordAt, fields: fieldsByName(spec, recordAt, report) });
      if (spec.records) visit(spec.records, `${recordAt}/records`);
    });
  };
  visit(specs, at);
  return catalog;
}

function fieldsByName(spec: RenderRecordSpec, at: string, report: ReportAt): Map<string, LayoutFieldSpec> {
  const fields = new Map<string, LayoutFieldSpec>();
  fieldsOf(spec).forEach((field, j) => {
    if (fields.has(field.name)) report(`${at}/${fieldsKey(spec)}/${j}/name`, `field name ${field.name} is used twice in record ${spec.name}`);
    else fields.set(field.name, field);
  });
  return fields;
}
