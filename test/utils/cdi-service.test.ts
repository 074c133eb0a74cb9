import { describe, expect, it } from 'vitest';
import { documentedFromText } from '../../utils/cdi/documented';
import { CcMccImportError } from '../../utils/cdi/impact';
import { CdiService, cdiServiceMessages } from '../../utils/cdi-service';
import type { AnalysisResult } from '../../utils/coding/types';
import { freshDbEnv } from '../helpers/db';

// A synthetic inpatient note: creatinine more than doubled from its written baseline, kidney function not named.
const AKI_NOTE = [
  'HISTORY OF PRESENT ILLNESS: 71-year-old woman with two days of diarrhea and poor oral intake.',
  'LABS: Creatinine 2.4 mg/dL (baseline 0.9 mg/dL), BUN 52.',
  'ASSESSMENT AND PLAN:',
  '1. Gastroenteritis with dehydration - IV fluids.',
].join('\n');

const SETTINGS = { setting: 'inpatient' as const, dateOfService: '2026-11-01' };

function makeService(options: { loading?: boolean } = {}) {
  const db = freshDbEnv().open();
  const analysis = {
    analyzeText: async (text: string, settings: typeof SETTINGS) =>
      options.loading ? undefined : (documentedFromText(text, settings) as unknown as AnalysisResult),
  };
  const service = new CdiService(db, analysis, async () => undefined, undefined, () => '2026-11-02');
  return { db, service };
}

describe('CdiService', () => {
  it('finds the AKI opportunity, cites the creatinine values, and its draft passes the linter', async () => {
    const { service } = makeService();
    const view = await service.analyze(AKI_NOTE, SETTINGS);
    const aki = view?.items.find((i) => i.opportunity.ruleId === 'aki-indicators');
    expect(aki).toBeDefined();
    expect(aki?.draft.text).toContain('Creatinine 2.4 mg/dL');
    expect(aki?.draft.text).toContain('0.9');
    expect(aki?.lint.ok).toBe(true);
    expect(view?.indicatorCount).toBeGreaterThan(0);
    expect(view?.ccMccSource).toBeUndefined();
  });

  it('answers undefined while the code sets (and so the analyzer) are not ready', async () => {
    const { service } = makeService({ loading: true });
    expect(await service.analyze(AKI_NOTE, SETTINGS)).toBeUndefined();
  });

  it('lints an edited query against the note: an invented value is an error, a leading phrase too', async () => {
    const { service } = makeService();
    const view = await service.analyze(AKI_NOTE, SETTINGS);
    const draft = view?.items.find((i) => i.opportunity.ruleId === 'aki-indicators')?.draft.text ?? '';
    expect(service.lint(draft, AKI_NOTE).ok).toBe(true);
    const invented = draft.replace('Creatinine 2.4 mg/dL (', 'Creatinine 3.8 mg/dL (').replace('"LABS: Creatinine 2.4', '"LABS: Creatinine 3.8');
    expect(service.lint(invented, AKI_NOTE).errors.map((e) => e.code)).toContain('indicator-not-in-note');
    const leading = draft.replace('Question:', 'Question: Please document acute kidney injury.');
    expect(service.lint(leading, AKI_NOTE).errors.map((e) => e.code)).toContain('leading-wording');
  });

  it('keeps no query log until the user turns it on, then stores rule, options and lint codes only', async () => {
    const { db, service } = makeService();
    const input = { ruleId: 'aki-indicators', templateId: 'aki-indicators', lint: { ok: true, errors: [], warnings: [] } };
    const template = (await service.analyze(AKI_NOTE, SETTINGS))?.items.find((i) => i.opportunity.ruleId === 'aki-indicators')?.draft.templateId;
    const logInput = { ...input, templateId: template ?? input.templateId };
    await expect(service.addToLog(logInput)).rejects.toThrow(cdiServiceMessages.logOff);
    expect(await db.queryLog.count()).toBe(0);

    await service.setLogEnabled(true);
    const entry = await service.addToLog(logInput);
    expect(entry.status).toBe('drafted');
    expect(entry.date).toBe('2026-11-02');
    const stored = JSON.stringify(await db.queryLog.toArray());
    expect(stored).not.toContain('diarrhea');
    expect(stored).not.toContain('2.4');

    const sent = await service.setLogStatus(entry.id, 'sent');
    expect(sent.status).toBe('sent');
    await expect(service.setLogStatus(entry.id, 'drafted')).rejects.toThrow('cannot go from "sent" back to "drafted"');
    expect((await service.logState()).entries.map((e) => e.status)).toEqual(['sent']);

    // Turning the log off keeps the entries; clearing removes them.
    expect((await service.setLogEnabled(false)).entries).toHaveLength(1);
    expect((await service.clearLog()).entries).toEqual([]);
  });

  it('does not show a stored entry whose condition is not the rule pack’s own words', async () => {
    const { db, service } = makeService();
    await service.setLogEnabled(true);
    const template = (await service.analyze(AKI_NOTE, SETTINGS))?.items[0]?.draft;
    const entry = await service.addToLog({ ruleId: template?.ruleId ?? '', templateId: template?.templateId ?? '', lint: { ok: true, errors: [], warnings: [] } });
    await db.queryLog.put({ ...entry, condition: 'Mrs Example, diarrhea' });
    expect((await service.logState()).entries).toEqual([]);
  });

  it('imports a CC/MCC list, and a bad file names its line and keeps the list imported before', async () => {
    const { service } = makeService();
    expect(await service.ccMccStatus()).toEqual({ size: 0 });
    const imported = await service.importCcMcc('code,cc_mcc\nN17.9,CC\nN17.0,MCC\n', 'cc-mcc-fy2027.csv');
    expect(imported).toEqual({ source: 'cc-mcc-fy2027.csv', size: 2, importedAt: '2026-11-02' });

    await expect(service.importCcMcc('code,cc_mcc\nN17.9,CC\nnot-a-code,MCC\n', 'broken.csv')).rejects.toThrow(CcMccImportError);
    await expect(service.importCcMcc('N17.9,maybe', 'broken.csv')).rejects.toThrow('line 1: "maybe" is neither CC nor MCC');
    expect((await service.ccMccStatus()).source).toBe('cc-mcc-fy2027.csv');

    // The impact view says where the designations came from; the query text never carries them.
    const view = await service.analyze(AKI_NOTE, SETTINGS);
    expect(view?.ccMccSource).toBe('cc-mcc-fy2027.csv');
    const aki = view?.items.find((i) => i.opportunity.ruleId === 'aki-indicators');
    expect(aki?.impact.flatMap((o) => o.rows).some((r) => r.ccMcc !== undefined)).toBe(true);
    expect(aki?.draft.text).not.toMatch(/\bM?CC\b/);

    expect(await service.clearCcMcc()).toEqual({ size: 0 });
  });
});
