import { h } from './dom.js';
import { CATEGORY, label } from './labels.js';
import { DispositionInput, HitWithId, ItemRecord, OUTCOME, recordApi } from './item-record.js';

type Outcome = DispositionInput['outcome'];

export interface DispositionForm {
  element: HTMLElement;
  /** The dispositions to send, or the reason they cannot be sent yet (a hit left without an outcome). */
  collect(): Promise<DispositionInput[] | { missing: string }>;
}

interface Row { hit: HitWithId; outcome: () => Outcome | null; note: HTMLInputElement; set(outcome: Outcome): void }

/**
 * 命中处置: at 初审, before 通过, each review-level hit is recorded as 已核实可公开 or 误报 (content that must change
 * is 退回, not approved). `required` false (复审, 复核) makes it an optional addition. Large groups carry only
 * their first hits in the item view; for those, 本组全部设为 applies to every hit of the rule, fetched on sending.
 */
export function dispositionForm(item: ItemRecord, required: boolean): DispositionForm | null {
  const scan = item.scan;
  const reviewIds = new Set((scan?.hits ?? []).filter((x) => x.severity === 'review').map((x) => x.id));
  const reviewCount = scan?.reviewHitCount ?? reviewIds.size;
  if (!scan || reviewCount === 0) return null;
  const groups = (scan.hitGroups ?? []).filter((g) => g.hits.some((x) => reviewIds.has(x.id)) || (g.severity === 'review' && g.count > 0));
  const rows: Row[] = [];
  const groupChoice = new Map<string, () => Outcome | null>();
  const fieldsets = groups.map((group, g) => {
    const shown = group.hits.filter((x) => reviewIds.has(x.id));
    const all = h('select', { className: 'disp-all', attrs: { 'aria-label': `本组全部设为（${shown.length < group.count ? `共 ${group.count} 处` : `${shown.length} 处`}）`, 'data-group': group.ruleId } },
      h('option', { attrs: { value: '' } }, '本组全部设为…'),
      h('option', { attrs: { value: 'verified' } }, OUTCOME.verified),
      h('option', { attrs: { value: 'false-positive' } }, OUTCOME['false-positive']));
    const groupRows = shown.map((hit, i) => {
      const name = `disp-${g}-${i}`;
      const radio = (outcome: Outcome) => h('input', { attrs: { type: 'radio', name, value: outcome, 'data-outcome': outcome } });
      const verified = radio('verified');
      const falsePositive = radio('false-positive');
      const note = h('input', { className: 'disp-note', attrs: { type: 'text', maxlength: '1000', placeholder: '说明（可选）', 'aria-label': `说明：${hit.text}` } });
      const row: Row = {
        hit,
        note,
        outcome: () => (verified.checked ? 'verified' : falsePositive.checked ? 'false-positive' : null),
        set: (outcome) => { verified.checked = outcome === 'verified'; falsePositive.checked = outcome === 'false-positive'; },
      };
      rows.push(row);
      return h('div', { className: 'disp-row', attrs: { 'data-hit-id': hit.id, role: 'radiogroup', 'aria-label': hit.text } },
        h('span', { className: `disp-text hl hl-${hit.severity}` }, hit.text.replace(/\s+/g, ' ') || label(CATEGORY, hit.category)),
        h('label', { className: 'disp-choice' }, verified, OUTCOME.verified),
        h('label', { className: 'disp-choice' }, falsePositive, OUTCOME['false-positive']),
        note);
    });
    all.addEventListener('change', () => {
      if (all.value) for (const row of rows) if (row.hit.ruleId === group.ruleId) row.set(all.value as Outcome);
    });
    groupChoice.set(group.ruleId, () => (all.value ? (all.value as Outcome) : null));
    const more = group.count > shown.length ? h('p', { className: 'hint' }, `本组共 ${group.count} 处，此处列出前 ${shown.length} 处；其余须用“本组全部设为”统一处置。`) : null;
    return h('fieldset', { className: 'disp-group', attrs: { 'data-rule': group.ruleId } },
      h('legend', null, `${label(CATEGORY, group.category)} · ${group.reason}（${group.count} 处）`), all, more, ...groupRows);
  });
  const error = h('p', { className: 'field-error', attrs: { id: 'dispositions-error', role: 'alert' } });
  const intro = required
    ? h('p', { className: 'hint' }, '通过前请逐条确认每处“需复核”的命中：已核实可公开，或误报。需要修改的内容请退回，不要通过。')
    : h('p', { className: 'hint' }, '可补充您对命中的处置意见；初审的处置记录见下方“审核记录”。');
  const content = h('div', null, intro, ...fieldsets, error);
  content.addEventListener('change', () => (error.textContent = ''));
  const element = required
    ? h('section', { className: 'dispositions', attrs: { id: 'dispositions', 'aria-labelledby': 'dispositions-title' } }, h('h3', { attrs: { id: 'dispositions-title' } }, `命中处置（${reviewCount} 处，必填）`), content)
    : h('details', { className: 'dispositions', attrs: { id: 'dispositions' } }, h('summary', null, '补充命中处置（可选）'), content);

  const collect = async (): Promise<DispositionInput[] | { missing: string }> => {
    error.textContent = '';
    const out: DispositionInput[] = [];
    const listed = new Set<string>();
    for (const row of rows) {
      listed.add(row.hit.id);
      const outcome = row.outcome();
      if (!outcome) {
        if (required) {
          error.textContent = `还有命中未处置：“${row.hit.text}”。请选择“已核实可公开”或“误报”。`;
          row.note.closest('.disp-row')?.querySelector('input')?.focus();
          return { missing: row.hit.id };
        }
        continue;
      }
      out.push({ hitId: row.hit.id, outcome, ...(row.note.value.trim() ? { note: row.note.value.trim() } : {}) });
    }
    // The hits the view did not carry: the group's choice applies to each of them.
    for (const group of groups) {
      if (group.count <= group.hits.length) continue;
      const choice = groupChoice.get(group.ruleId)?.();
      if (!choice) {
        if (!required) continue;
        error.textContent = `“${group.reason}”共 ${group.count} 处，请用“本组全部设为”处置其余各处。`;
        return { missing: group.ruleId };
      }
      for (let offset = 0; ;) {
        const page = await recordApi.hits(item.id, group.ruleId, offset, 500);
        for (const hit of page.hits) if (hit.severity === 'review' && !listed.has(hit.id)) out.push({ hitId: hit.id, outcome: choice });
        if (page.nextOffset === undefined) break;
        offset = page.nextOffset;
      }
    }
    return out;
  };
  return { element, collect };
}
