import { DebtItemView } from '../api/TechDebtApi';
import {
  changedFields,
  describeChange,
  draftOf,
  emptyDraft,
  inputOf,
} from './draft';

const item: DebtItemView = {
  id: 'd1',
  entityRef: 'component:default/checkout-service',
  title: 'Payment retries hand-rolled',
  description: 'Three copies of the retry loop',
  category: 'code',
  impact: 3,
  effort: 'M',
  interestHoursPerMonth: 6,
  status: 'open',
  links: [
    { url: 'https://tickets.example/DEBT-1', title: 'DEBT-1' },
    { url: 'https://tickets.example/DEBT-2' },
  ],
  author: 'user:default/maya.okafor',
  createdAt: '2026-11-02T09:00:00.000Z',
  updatedAt: '2026-11-02T09:00:00.000Z',
  version: 2,
  score: 12.5,
  quickWin: false,
} as DebtItemView;

describe('the debt item form', () => {
  it('starts a new item at the middle of each scale, nothing lost per month', () => {
    expect(inputOf(emptyDraft, 'component:default/a')).toEqual({
      entityRef: 'component:default/a',
      title: '',
      description: undefined,
      category: 'code',
      impact: 3,
      effort: 'M',
      interestHoursPerMonth: 0,
      status: 'open',
      links: [],
    });
  });

  it('sends only what an edit changed, never the entity', () => {
    // Saved untouched: nothing changed (the form shows one link; the others
    // and the first one's title are kept, not dropped).
    expect(changedFields(item, inputOf(draftOf(item), item.entityRef))).toEqual(
      {},
    );
    const edited = inputOf(
      { ...draftOf(item), impact: '5', status: 'in-progress' },
      'component:default/other',
    );
    expect(changedFields(item, edited)).toEqual({
      impact: 5,
      status: 'in-progress',
    });
  });

  it('changes the first link where the form shows it and keeps the rest', () => {
    const relinked = inputOf(
      { ...draftOf(item), link: 'https://tickets.example/DEBT-9' },
      item.entityRef,
    );
    expect(changedFields(item, relinked)).toEqual({
      links: [
        { url: 'https://tickets.example/DEBT-9' },
        { url: 'https://tickets.example/DEBT-2' },
      ],
    });
    const cleared = inputOf({ ...draftOf(item), link: '' }, item.entityRef);
    expect(cleared.links).toEqual([{ url: 'https://tickets.example/DEBT-2' }]);
  });

  it('describes a creation by title and status, a change field by field', () => {
    expect(
      describeChange({
        version: 1,
        changedBy: 'user:default/maya.okafor',
        changedAt: '2026-11-02T09:00:00.000Z',
        changes: {
          title: [null, 'Payment retries hand-rolled'],
          impact: [null, 3],
          status: [null, 'open'],
        },
      }),
    ).toBe('title: Payment retries hand-rolled; status: open');
    expect(
      describeChange({
        version: 3,
        changedBy: 'user:default/maya.okafor',
        changedAt: '2026-11-09T09:00:00.000Z',
        changes: { status: ['open', 'resolved'], description: ['x', null] },
        note: 'Replaced by the shared client',
      }),
    ).toBe('status: open → resolved; description: x → —');
  });
});
