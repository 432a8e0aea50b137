import type { Output } from '../../../core/api/contract';
import { answer, refusal } from '../testing/fakeTransport';

// A QC bench at the fake station for the component tests: lot L-1, three pieces, two defect
// cards, entries kept as the core keeps them. Any major defect rejects (Ac 0, Re 1).

type View = Output<'qc.open'>;
type Entry = View['entries'][number];

const porosity = { code: 'porosity', material: 'brass', class: 'major', nameEn: 'Casting porosity', nameSw: 'Matundu ya uyeyushaji', key: 'p', active: true } as const;
const scratch = { code: 'scratch', material: 'brass', class: 'minor', nameEn: 'Surface scratch', nameSw: 'Mkwaruzo', key: 's', active: true } as const;
const catalogue = [porosity, scratch];
const classPlan = (accept: number) => ({ aql: 1, codeLetter: 'A', sampleSize: 3, accept, reject: accept + 1 });

function viewOf(entries: Entry[]): View {
  const found = (c: 'critical' | 'major' | 'minor') => entries.filter((e) => e.class === c).length;
  const judged = (c: 'critical' | 'major' | 'minor', accept: number) => ({ nonconforming: found(c), verdict: found(c) > accept ? ('reject' as const) : ('accept' as const) });
  const judgement = { critical: judged('critical', 0), major: judged('major', 0), minor: judged('minor', 1) };
  const rejected = Object.values(judgement).some((j) => j.verdict === 'reject');
  return {
    lot: { id: 'L-1', designSku: 'BR-7', designName: 'Brass cuff', artisanId: 'a-1', artisanName: 'Neema', finish: 'raw', inQc: 40, receivedQty: 40, round: 1 },
    design: { materials: ['brass'], checklist: ['Clasp closes'], nameSw: null, checklistSw: null, unitWeightG: 10, tolerancePct: 5, majorAql: 1, minorAql: 2.5, level: 'II', lengthMm: null, lengthToleranceMm: null, imageUrl: null },
    reducedEligible: false,
    plan: { mode: 'normal', level: 'II', lotSize: 40, sampleSize: 3, critical: classPlan(0), major: classPlan(0), minor: classPlan(1) },
    inspectionId: 'i-1',
    entries,
    photos: [],
    judgement: { ...judgement, computed: rejected ? 'reject' : 'accept', inReducedGap: false },
    toJudge: [1, 2, 3].filter((piece) => !entries.some((e) => e.piece === piece)),
    catalogue,
    awaitingSort: null,
  };
}

/** Opens the bench at the fake station; its entries change as the core's would. */
export function openBench(): { view(): View } {
  let entries: Entry[] = [];
  let made = 0;
  const add = (piece: number, code: string | null) => {
    const defect = catalogue.find((c) => c.code === code);
    entries = [...entries, { id: `e${++made}`, piece, code, class: defect?.class ?? null, measure: null, value: null, at: '2026-12-06T09:00:00Z', userName: 'Amina' }];
    return viewOf(entries);
  };
  answer('qc.open', () => viewOf(entries));
  answer('qc.logDefect', ({ piece, code }) => add(piece, code));
  answer('qc.markGood', ({ piece }) => {
    if (entries.some((e) => e.piece === piece && e.class)) throw refusal('qc.pieceHasDefect', { piece });
    return add(piece, null);
  });
  answer('qc.removeEntry', ({ entryId }) => {
    entries = entries.filter((e) => e.id !== entryId);
    return viewOf(entries);
  });
  answer('qc.decide', ({ verdict }) => ({ verdict, disposition: verdict === 'accept' ? 'refining' : 'return', quantity: 40, returnNoteJobId: null }));
  answer('qc.waiting', () => []);
  return { view: () => viewOf(entries) };
}
