import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import {
  DebtConflictError,
  DebtItemView,
  techDebtApiRef,
} from '../../api/TechDebtApi';
import { EntityTechDebtContent } from './EntityTechDebtContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'order-service', namespace: 'default' },
  spec: { owner: 'order-flow' },
};

const item = (over: Partial<DebtItemView> = {}): DebtItemView => ({
  id: 'i1',
  entityRef: 'component:default/order-service',
  title: 'No runbook for stuck orders',
  category: 'documentation',
  impact: 3,
  effort: 'XS',
  interestHoursPerMonth: 6,
  status: 'open',
  links: [],
  author: 'user:default/ana',
  version: 1,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  score: 63.6,
  quickWin: true,
  ...over,
});

describe('EntityTechDebtContent', () => {
  it('shows the current item instead of overwriting a change made meanwhile', async () => {
    const current = item({
      version: 2,
      title: 'No runbook for stuck or lost orders',
      impact: 4,
    });
    const updateItem = jest.fn(async () => {
      throw new DebtConflictError(
        current,
        'Item i1 was changed by someone else (now version 2); review the current item and apply your change again',
      );
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            techDebtApiRef,
            {
              getEntityDebt: async () => ({
                entityRef: 'component:default/order-service',
                canManage: true,
                items: [item()],
                signals: [],
              }),
              updateItem,
            },
          ],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityTechDebtContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    const row = (
      await screen.findByText('No runbook for stuck orders')
    ).closest('tr')!;
    expect(row).toHaveTextContent('Quick win');
    fireEvent.click(within(row).getByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Interest/), {
      target: { value: '10' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    // Only the changed field is sent, with the version the edit started from.
    await waitFor(() =>
      expect(updateItem).toHaveBeenCalledWith('i1', 1, {
        interestHoursPerMonth: 10,
      }),
    );
    expect(
      await screen.findByText(/was changed by someone else \(now version 2\)/),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toHaveTextContent(
      'Edit: No runbook for stuck or lost orders',
    );
    expect(
      within(screen.getByRole('dialog')).getByLabelText(/^Title/),
    ).toHaveValue('No runbook for stuck or lost orders');
  });

  it('asks why an item is resolved, and can undo the resolution', async () => {
    let stored = item();
    const updateItem = jest.fn(
      async (_id: string, version: number, change: any) => {
        stored = { ...stored, ...change, version: version + 1 };
        delete (stored as any).note;
        return stored;
      },
    );
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            techDebtApiRef,
            {
              getEntityDebt: async () => ({
                entityRef: 'component:default/order-service',
                canManage: true,
                items: [stored],
                signals: [],
              }),
              updateItem,
            },
          ],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityTechDebtContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    const row = (
      await screen.findByText('No runbook for stuck orders')
    ).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: 'Resolve' }));
    const dialog = await screen.findByRole('dialog');
    const resolve = within(dialog).getByRole('button', { name: 'Resolve' });
    // No note, no resolution.
    expect(resolve).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/What resolved it/), {
      target: { value: 'Runbook written and linked from the alert' },
    });
    fireEvent.click(resolve);
    await waitFor(() =>
      expect(updateItem).toHaveBeenCalledWith('i1', 1, {
        status: 'resolved',
        note: 'Runbook written and linked from the alert',
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    // The undo starts from the version the resolution made, and says why.
    await waitFor(() =>
      expect(updateItem).toHaveBeenLastCalledWith('i1', 2, {
        status: 'open',
        note: 'Undone: Runbook written and linked from the alert',
      }),
    );
    expect(
      await screen.findByText("'No runbook for stuck orders' is Open again."),
    ).toBeInTheDocument();
  });
});
