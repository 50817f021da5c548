import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { DebtConflict, DebtService } from './service/DebtService';

const entityRefParam = (req: express.Request) => {
  const value = req.query.entityRef;
  if (typeof value !== 'string' || !value) {
    throw new InputError(
      "Query parameter 'entityRef' (or 'teamRef') is required, e.g. component:default/checkout-service",
    );
  }
  return value;
};

/**
 * Routes of the tech-debt backend; the service checks entities and rights.
 * Bodies up to 64 kB.
 *
 * @public
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  debt: DebtService;
}): Promise<express.Router> {
  const { httpAuth, debt } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  const credentials = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/items', async (req, res) => {
    const teamRef = req.query.teamRef;
    if (typeof teamRef === 'string' && teamRef) {
      res.json(await debt.listForTeam(await credentials(req), teamRef));
      return;
    }
    res.json(
      await debt.listForEntity(await credentials(req), entityRefParam(req)),
    );
  });

  router.post('/items', async (req, res) => {
    res
      .status(201)
      .json({ item: await debt.createItem(await credentials(req), req.body) });
  });

  router.patch('/items/:id', async (req, res) => {
    try {
      res.json({
        item: await debt.updateItem(
          await credentials(req),
          req.params.id,
          req.body,
        ),
      });
    } catch (e) {
      // A lost update is refused with the current item, so the client can show it.
      if (e instanceof DebtConflict) {
        res.status(409).json({
          error: { name: 'ConflictError', message: e.message },
          item: e.current,
        });
        return;
      }
      throw e;
    }
  });

  router.get('/items/:id/history', async (req, res) => {
    res.json(await debt.history(await credentials(req), req.params.id));
  });

  router.get('/rollup/teams/:namespace/:name', async (req, res) => {
    res.json(
      await debt.teamRollup(
        await credentials(req),
        `group:${req.params.namespace}/${req.params.name}`,
      ),
    );
  });

  router.get('/rollup/org', async (req, res) => {
    res.json(await debt.orgRollup(await credentials(req)));
  });

  return router;
}
