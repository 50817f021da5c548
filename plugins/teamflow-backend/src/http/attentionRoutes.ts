import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { attentionCsv } from '@teamflow/plugin-teamflow-common';
import { AttentionService } from '../attention/AttentionService';

/** Teams needing attention, as JSON and as a CSV download. */
export function attentionRoutes(options: {
  httpAuth: HttpAuthService;
  attention: AttentionService;
}): express.Router {
  const { httpAuth, attention } = options;
  const router = Router();

  const answer = async (req: express.Request) =>
    attention.attention(
      await httpAuth.credentials(req, { allow: ['user', 'service'] }),
    );
  router.get('/attention', async (req, res) => {
    res.json(await answer(req));
  });
  router.get('/attention.csv', async (req, res) => {
    const { teams, generatedAt } = await answer(req);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`teams-needing-attention-${generatedAt.slice(0, 10)}.csv`)
      .send(attentionCsv(teams));
  });
  return router;
}
