import { createHash } from 'node:crypto';
import express from 'express';
import Router from 'express-promise-router';

/**
 * The demo's stand-in for a SonarQube server: `GET /api/measures/component`
 * with deterministic measures for `basketly_*` project keys, in the shape of
 * SonarQube's Web API, and SonarQube's 404 body for anything else.
 *
 * @public
 */
export function createSonarQubeStandIn(prefix = ''): express.Router {
  const router = Router();
  router.get(`${prefix}/api/measures/component`, (req, res) => {
    const key = String(req.query.component ?? '');
    if (!key.startsWith('basketly_')) {
      res
        .status(404)
        .json({ errors: [{ msg: `Component key '${key}' not found` }] });
      return;
    }
    const h = createHash('sha256').update(key).digest();
    // The legacy and order services carry more debt, as their teams know.
    const heavy = /legacy|order|payments/.test(key) ? 4 : 1;
    const minutes = (h.readUInt16BE(0) % 3000) * heavy + 60;
    const ratio = Math.round(((h[2] % 80) / 10 + heavy) * 10) / 10;
    const rating = Math.min(5, 1 + Math.floor(ratio / 3));
    res.json({
      component: {
        key,
        name: key.replace('basketly_', ''),
        qualifier: 'TRK',
        measures: [
          { metric: 'sqale_index', value: String(minutes) },
          { metric: 'sqale_debt_ratio', value: String(ratio) },
          { metric: 'sqale_rating', value: `${rating}.0` },
        ],
      },
    });
  });
  return router;
}
