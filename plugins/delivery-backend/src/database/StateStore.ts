import { StoreBase } from './rows';
/** Sources' cursors and progress. */
export class StateStore extends StoreBase {
  async getState(source: string, key: string) {
    const row = await this.db('delivery_source_state')
      .where({ source, key })
      .first();
    return row ? JSON.parse(row.state) : undefined;
  }

  async setState(source: string, key: string, state: unknown, at: number) {
    await this.db('delivery_source_state')
      .insert({ source, key, state: JSON.stringify(state), updated_at: at })
      .onConflict(['source', 'key'])
      .merge();
  }

  async listStates(source?: string) {
    const q = this.db('delivery_source_state');
    if (source) q.where({ source });
    return (await q).map(r => ({
      source: String(r.source),
      key: String(r.key),
      state: JSON.parse(r.state),
      updatedAt: new Date(Number(r.updated_at)).toISOString(),
    }));
  }
}
